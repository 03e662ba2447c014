// Reads the text back out of PDFs that renderPdf wrote, for tests (integration and e2e). Deliberately no
// "server-only", so Playwright specs can import it. It understands exactly what renderPdf emits (Flate-compressed
// content streams, one Tj per drawn line, WinAnsi hex strings); it is not a general PDF parser.
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

/** The decoded content of every stream in the file (inflated where compressed), in file order. */
function streams(pdf: Uint8Array): string[] {
  const buffer = Buffer.from(pdf);
  const latin = buffer.toString("latin1");
  const out: string[] = [];
  const pattern = /stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(latin))) {
    if (latin.slice(Math.max(0, match.index - 3), match.index) === "end") continue;
    const start = match.index + match[0].length;
    const end = latin.indexOf("endstream", start);
    if (end < 0) break;
    const raw = buffer.subarray(start, end);
    const dictionary = latin.slice(latin.lastIndexOf("obj", match.index), match.index);
    try {
      out.push(dictionary.includes("/FlateDecode") ? inflateSync(raw).toString("latin1") : raw.toString("latin1"));
    } catch {
      out.push(raw.toString("latin1"));
    }
    pattern.lastIndex = end + "endstream".length;
  }
  return out;
}

/** The text drawn in a PDF written by renderPdf: one line per drawn string, pages in order. */
export function extractPdfText(pdf: Uint8Array): string {
  const lines: string[] = [];
  for (const content of streams(pdf)) {
    const shown = /(<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\))\s*Tj/g;
    let match: RegExpExecArray | null;
    while ((match = shown.exec(content))) {
      const token = match[1] ?? "";
      lines.push(
        decodeWinAnsi(token.startsWith("<") ? hexBytes(token.slice(1, -1)) : literalBytes(token.slice(1, -1))),
      );
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
