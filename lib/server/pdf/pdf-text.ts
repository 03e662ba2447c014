// Reads the text back out of PDFs that renderPdf wrote, for tests (integration and e2e). Deliberately no
// "server-only", so Playwright specs can import it. It understands exactly what renderPdf emits (Flate-compressed
// content streams, one Tj per drawn line, embedded fonts with ToUnicode maps; older PDFs in the standard fonts
// with WinAnsi strings); it is not a general PDF parser.
import { inflateSync } from "node:zlib";

const WIN_ANSI_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function decodeWinAnsi(bytes: number[]): string {
  return bytes.map((b) => (b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b))).join("");
}

function hexBytes(hex: string): number[] {
  const clean = hex.replace(/\s+/g, "");
  const padded = clean.length % 2 ? `${clean}0` : clean;
  const out: number[] = [];
  for (let i = 0; i < padded.length; i += 2) out.push(parseInt(padded.slice(i, i + 2), 16));
  return out;
}

function literalBytes(literal: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < literal.length; i++) {
    const c = literal[i] ?? "";
    if (c !== "\\") {
      out.push(c.charCodeAt(0));
      continue;
    }
    const next = literal[++i] ?? "";
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, "(": 40, ")": 41, "\\": 92 };
    const escaped = escapes[next];
    if (escaped !== undefined) out.push(escaped);
    else if (/[0-7]/.test(next)) {
      const octal = literal.slice(i, i + 3).match(/^[0-7]{1,3}/)![0];
      out.push(parseInt(octal, 8));
      i += octal.length - 1;
    }
  }
  return out;
}

type PdfObject = { dictionary: string; stream: string | null };

/** Every numbered object in the file: its dictionary text and its decoded stream (inflated where compressed). */
function objects(pdf: Uint8Array): Map<number, PdfObject> {
  const buffer = Buffer.from(pdf);
  const latin = buffer.toString("latin1");
  const out = new Map<number, PdfObject>();
  const start = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = start.exec(latin))) {
    const bodyStart = match.index + match[0].length;
    const end = latin.indexOf("endobj", bodyStart);
    if (end < 0) break;
    const body = latin.slice(bodyStart, end);
    const streamAt = /stream\r?\n/.exec(body);
    let stream: string | null = null;
    let dictionary = body;
    if (streamAt) {
      dictionary = body.slice(0, streamAt.index);
      const from = bodyStart + streamAt.index + streamAt[0].length;
      const to = latin.indexOf("endstream", from);
      const raw = buffer.subarray(from, to);
      try {
        stream = dictionary.includes("/FlateDecode") ? inflateSync(raw).toString("latin1") : raw.toString("latin1");
      } catch {
        stream = raw.toString("latin1");
      }
    }
    out.set(Number(match[1]), { dictionary, stream });
    start.lastIndex = end + "endobj".length;
  }
  return out;
}

/** A ToUnicode CMap (bfchar and bfrange entries) as code → text, codes as hex strings. */
function parseToUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => {
    const bytes = hexBytes(hex);
    let text = "";
    for (let i = 0; i + 1 < bytes.length; i += 2)
      text += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    return text;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      map.set(code!.toUpperCase(), utf16(text!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dest] of (block[1] ?? "").matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
    )) {
      const width = lo!.length;
      const first = parseInt(lo!, 16);
      const last = parseInt(hi!, 16);
      const targets = dest!.startsWith("[") ? [...dest!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => m[1]!) : null;
      for (let code = first; code <= last; code++) {
        const key = code.toString(16).toUpperCase().padStart(width, "0");
        if (targets) map.set(key, utf16(targets[code - first] ?? ""));
        else {
          const base = utf16(dest!.slice(1, -1));
          map.set(key, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (code - first)));
        }
      }
    }
  }
  return map;
}

/** Each font resource name → its ToUnicode map (embedded fonts), or null for a standard WinAnsi font. */
function fontMaps(all: Map<number, PdfObject>): Map<string, Map<string, string> | null> {
  const byObject = new Map<number, Map<string, string> | null>();
  for (const [number, object] of all) {
    if (!/\/Type\s*\/Font\b/.test(object.dictionary)) continue;
    const ref = /\/ToUnicode\s+(\d+)\s+0\s+R/.exec(object.dictionary);
    const cmap = ref ? all.get(Number(ref[1]))?.stream : null;
    byObject.set(number, cmap ? parseToUnicode(cmap) : null);
  }
  const byName = new Map<string, Map<string, string> | null>();
  for (const object of all.values()) {
    for (const block of object.dictionary.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const [, name, number] of (block[1] ?? "").matchAll(/\/([^\s/]+)\s+(\d+)\s+0\s+R/g))
        if (byObject.has(Number(number))) byName.set(name!, byObject.get(Number(number))!);
    }
  }
  return byName;
}

/** The text drawn in a PDF written by renderPdf: one line per drawn string, pages in order. Embedded fonts are read
 * through their ToUnicode maps (two-byte glyph codes), standard fonts as WinAnsi. */
export function extractPdfText(pdf: Uint8Array): string {
  const all = objects(pdf);
  const fonts = fontMaps(all);
  const lines: string[] = [];
  for (const object of all.values()) {
    const content = object.stream;
    if (content === null || /\/(FontFile2?|Length1|Subtype\s*\/(Image|XML))\b/.test(object.dictionary)) continue;
    if (fonts.size > 0 && /begincmap/.test(content)) continue;
    let font: Map<string, string> | null = null;
    const ops = /\/([^\s/]+)\s+[\d.]+\s+Tf|(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*Tj/g;
    let match: RegExpExecArray | null;
    while ((match = ops.exec(content))) {
      if (match[1] !== undefined) {
        font = fonts.get(match[1]) ?? null;
        continue;
      }
      const token = match[2] ?? "";
      if (font && token.startsWith("<")) {
        const hex = token.slice(1, -1).replace(/\s+/g, "").toUpperCase();
        let text = "";
        for (let i = 0; i < hex.length; i += 4) text += font.get(hex.slice(i, i + 4)) ?? "\uFFFD";
        lines.push(text);
      } else {
        lines.push(
          decodeWinAnsi(token.startsWith("<") ? hexBytes(token.slice(1, -1)) : literalBytes(token.slice(1, -1))),
        );
      }
    }
  }
  return lines.join("\n");
}

/** The document title from the PDF's Info dictionary (pdf-lib writes it as UTF-16BE hex). */
export function extractPdfTitle(pdf: Uint8Array): string | undefined {
  const latin = Buffer.from(pdf).toString("latin1");
  const match = latin.match(/\/Title\s*(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))/);
  if (!match) return undefined;
  const token = match[1] ?? "";
  const bytes = token.startsWith("<") ? hexBytes(token.slice(1, -1)) : literalBytes(token.slice(1, -1));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let text = "";
    for (let i = 2; i + 1 < bytes.length; i += 2)
      text += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
    return text;
  }
  return decodeWinAnsi(bytes);
}

/** The number of pages in a PDF written by renderPdf. */
export function countPdfPages(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString("latin1")
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []
  ).length;
}
