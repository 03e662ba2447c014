import "server-only";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, PageSizes, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { now } from "@/lib/env";
import { notoSans } from "./fonts";

/** One piece of a document. Blocks flow down the page and break onto new pages by themselves. */
export type PdfBlock =
  | { kind: "heading"; text: string; level?: 1 | 2 | 3 }
  | { kind: "paragraph"; text: string } // wraps lines, keeps "\n" as line breaks
  | { kind: "keyValue"; rows: [string, string][] }
  | { kind: "table"; head: string[]; rows: string[][]; widths?: number[] } // widths as fractions
  | { kind: "spacer" }
  | { kind: "pageBreak" };

export type PdfDocumentInput = { title: string; author?: string; blocks: PdfBlock[]; footer?: string };

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4;
const MARGIN_X = 56; // about 20 mm
const MARGIN_TOP = 56;
const MARGIN_BOTTOM = 64; // leaves room for the footer line
const FOOTER_Y = 32;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

const BODY_SIZE = 11;
const BODY_LEADING = 15;
const TABLE_SIZE = 9.5;
const TABLE_LEADING = 12.5;
const CELL_PAD = 4;
const HEADING_SIZES = { 1: 18, 2: 14, 3: 12 } as const;
const BLOCK_GAP = 8;
const SPACER = 14;

const BLACK = rgb(0.04, 0.05, 0.05);
const GREY = rgb(0.31, 0.34, 0.36);
const RULE = rgb(0.69, 0.71, 0.73);
const HEAD_FILL = rgb(0.95, 0.95, 0.95);

type Fonts = { regular: PDFFont; bold: PDFFont };

/**
 * Renders a plain, printable A4 document in an embedded Unicode font (Noto Sans, subset to the characters used;
 * ADR 014), so names print as they are ("Zoë Łukasz-Nguyễn", "Siobhán", "Wójcik") and every string stays
 * extractable. A character the font has no glyph for (an emoji, a script Noto Sans does not cover) is replaced
 * (see `drawable`), never dropped silently into an exception. Tables repeat their head row on each new page; every
 * page carries the footer and "Page N of M". The document's title is in its metadata.
 */
export async function renderPdf(doc: PdfDocumentInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const files = notoSans();
  const fonts: Fonts = {
    regular: await pdf.embedFont(files.regular, { subset: true }),
    bold: await pdf.embedFont(files.bold, { subset: true }),
  };
  const clean = drawable(fonts);
  const created = now();
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  if (doc.author) pdf.setAuthor(doc.author);
  pdf.setCreator("Fast Track");
  pdf.setProducer("Fast Track");
  pdf.setLanguage("en-GB");
  pdf.setCreationDate(created);
  pdf.setModificationDate(created);

  const layout = new Layout(pdf, fonts, clean);
  for (const block of doc.blocks) layout.block(block);

  const pages = pdf.getPages();
  const footer = doc.footer ? clean(doc.footer).replace(/\s*\n\s*/g, " ") : "";
  pages.forEach((page, index) => {
    const number = `Page ${index + 1} of ${pages.length}`;
    const numberWidth = fonts.regular.widthOfTextAtSize(number, 9);
    page.drawLine({
      start: { x: MARGIN_X, y: FOOTER_Y + 14 },
      end: { x: PAGE_WIDTH - MARGIN_X, y: FOOTER_Y + 14 },
      thickness: 0.5,
      color: RULE,
    });
    if (footer) {
      const room = CONTENT_WIDTH - numberWidth - 16;
      page.drawText(fitLine(footer, fonts.regular, 9, room), {
        x: MARGIN_X,
        y: FOOTER_Y,
        size: 9,
        font: fonts.regular,
        color: GREY,
      });
    }
    page.drawText(number, {
      x: PAGE_WIDTH - MARGIN_X - numberWidth,
      y: FOOTER_Y,
      size: 9,
      font: fonts.regular,
      color: GREY,
    });
  });

  // No object streams, so readers (and our tests) find the metadata and page objects directly.
  return pdf.save({ useObjectStreams: false });
}

/** Keeps a cursor on the current page and adds pages as the content needs them. */
class Layout {
  private page: PDFPage;
  private y: number;
  private atTop = true;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
    private readonly clean: (text: string) => string,
  ) {
    this.page = this.newPage();
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }

  block(block: PdfBlock): void {
    switch (block.kind) {
      case "heading":
        return this.heading(block.text, block.level ?? 1);
      case "paragraph":
        return this.paragraph(block.text);
      case "keyValue":
        return this.keyValue(block.rows);
      case "table":
        return this.table(block.head, block.rows, block.widths);
      case "spacer":
        if (!this.atTop) this.y -= SPACER;
        return;
      case "pageBreak":
        if (!this.atTop) this.breakPage();
        return;
    }
  }

  private newPage(): PDFPage {
    return this.pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  }

  private breakPage(): void {
    this.page = this.newPage();
    this.y = PAGE_HEIGHT - MARGIN_TOP;
    this.atTop = true;
  }

  /** Makes sure `height` points fit above the bottom margin, starting a new page if not. */
  private ensure(height: number): boolean {
    if (this.y - height < MARGIN_BOTTOM && !this.atTop) {
      this.breakPage();
      return true;
    }
    return false;
  }

  private text(line: string, x: number, size: number, font: PDFFont, color = BLACK): void {
    if (line) this.page.drawText(line, { x, y: this.y - size, size, font, color });
    this.atTop = false;
  }

  private heading(text: string, level: 1 | 2 | 3): void {
    const size = HEADING_SIZES[level];
    const leading = size * 1.25;
    const lines = wrapText(this.clean(text), this.fonts.bold, size, CONTENT_WIDTH);
    // Keep a heading with at least two lines of what follows it.
    this.ensure(lines.length * leading + 2 * BODY_LEADING);
    if (!this.atTop) this.y -= size * 0.5;
    for (const line of lines) {
      this.ensure(leading);
      this.text(line, MARGIN_X, size, this.fonts.bold);
      this.y -= leading;
    }
    this.y -= BLOCK_GAP / 2;
  }

  private paragraph(text: string): void {
    const lines = wrapText(this.clean(text), this.fonts.regular, BODY_SIZE, CONTENT_WIDTH);
    for (const line of lines) {
      this.ensure(BODY_LEADING);
      this.text(line, MARGIN_X, BODY_SIZE, this.fonts.regular);
      this.y -= BODY_LEADING;
    }
    this.y -= BLOCK_GAP;
  }

  private keyValue(rows: [string, string][]): void {
    const keyWidth = CONTENT_WIDTH * 0.35;
    const valueX = MARGIN_X + keyWidth + 8;
    const valueWidth = CONTENT_WIDTH - keyWidth - 8;
    for (const [key, value] of rows) {
      const keyLines = wrapText(this.clean(key), this.fonts.bold, BODY_SIZE, keyWidth);
      const valueLines = wrapText(this.clean(value), this.fonts.regular, BODY_SIZE, valueWidth);
      const count = Math.max(keyLines.length, valueLines.length);
      // A short row stays together; a row longer than a page flows line by line.
      if (count * BODY_LEADING <= PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) this.ensure(count * BODY_LEADING);
      for (let i = 0; i < count; i++) {
        this.ensure(BODY_LEADING);
        this.text(keyLines[i] ?? "", MARGIN_X, BODY_SIZE, this.fonts.bold);
        this.text(valueLines[i] ?? "", valueX, BODY_SIZE, this.fonts.regular);
        this.atTop = false;
        this.y -= BODY_LEADING;
      }
      this.y -= 3;
    }
    this.y -= BLOCK_GAP;
  }

  private table(head: string[], rows: string[][], widths?: number[]): void {
    const columns = Math.max(head.length, ...rows.map((row) => row.length), 1);
    const fractions = columnFractions(columns, widths);
    const colWidths = fractions.map((fraction) => fraction * CONTENT_WIDTH);
    const cellLines = (cells: string[], font: PDFFont) =>
      colWidths.map((width, i) =>
        wrapText(this.clean(cells[i] ?? ""), font, TABLE_SIZE, Math.max(width - 2 * CELL_PAD, 10)),
      );
    const headLines = cellLines(head, this.fonts.bold);
    const rowHeight = (lines: string[][]) =>
      Math.max(1, ...lines.map((cell) => cell.length)) * TABLE_LEADING + 2 * CELL_PAD;
    const headHeight = head.length > 0 ? rowHeight(headLines) : 0;

    const drawRow = (lines: string[][], height: number, font: PDFFont, fill: boolean) => {
      if (fill) {
        this.page.drawRectangle({ x: MARGIN_X, y: this.y - height, width: CONTENT_WIDTH, height, color: HEAD_FILL });
      }
      let x = MARGIN_X;
      const top = this.y;
      lines.forEach((cell, i) => {
        cell.forEach((line, j) => {
          if (line)
            this.page.drawText(line, {
              x: x + CELL_PAD,
              y: top - CELL_PAD - TABLE_SIZE - j * TABLE_LEADING + 1,
              size: TABLE_SIZE,
              font,
              color: BLACK,
            });
        });
        x += colWidths[i] ?? 0;
      });
      this.page.drawLine({
        start: { x: MARGIN_X, y: top - height },
        end: { x: MARGIN_X + CONTENT_WIDTH, y: top - height },
        thickness: fill ? 1 : 0.5,
        color: fill ? GREY : RULE,
      });
      this.atTop = false;
      this.y -= height;
    };
    const drawHead = () => {
      if (head.length > 0) drawRow(headLines, headHeight, this.fonts.bold, true);
    };

    // The head never sits alone at the foot of a page.
    const firstHeight = rows[0] ? rowHeight(cellLines(rows[0], this.fonts.regular)) : 0;
    this.ensure(headHeight + Math.min(firstHeight, TABLE_LEADING * 3));
    drawHead();
    for (const row of rows) {
      let lines = cellLines(row, this.fonts.regular);
      const usable = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM - headHeight;
      // A row taller than a page is split into page-sized slices; each slice repeats the head.
      while (lines.length > 0) {
        const height = rowHeight(lines);
        if (this.y - height < MARGIN_BOTTOM) {
          const roomLines = Math.floor((this.y - MARGIN_BOTTOM - 2 * CELL_PAD) / TABLE_LEADING);
          if (height > usable && roomLines >= 2) {
            drawRow(
              lines.map((cell) => cell.slice(0, roomLines)),
              roomLines * TABLE_LEADING + 2 * CELL_PAD,
              this.fonts.regular,
              false,
            );
            lines = lines.map((cell) => cell.slice(roomLines));
            if (lines.every((cell) => cell.length === 0)) break;
          }
          this.breakPage();
          drawHead();
          continue;
        }
        drawRow(lines, height, this.fonts.regular, false);
        break;
      }
    }
    this.y -= BLOCK_GAP;
  }
}

/** Plain stand-ins for a few symbols the font lacks. */
const FALLBACKS: Record<string, string> = { "→": "->", "←": "<-", "≤": "<=", "≥": ">=", "≠": "!=" };

/**
 * Keeps every character both fonts can draw (and "\n"); anything else becomes its base letter when that can be
 * drawn (a combining accent the font lacks), drops invisible controls, and is "?" otherwise.
 */
function drawable(fonts: Fonts): (text: string) => string {
  const regular = new Set(fonts.regular.getCharacterSet());
  const bold = new Set(fonts.bold.getCharacterSet());
  const can = (char: string) => {
    const cp = char.codePointAt(0)!;
    return regular.has(cp) && bold.has(cp);
  };
  return (text) => {
    let out = "";
    for (const char of text.normalize("NFC")) {
      if (char === "\n" || can(char)) out += char;
      else if (char === "\t") out += "    ";
      else if (char === "\r" || /[\p{Cc}\p{Cf}]/u.test(char)) out += "";
      else if (char in FALLBACKS && [...FALLBACKS[char]!].every(can)) out += FALLBACKS[char];
      else {
        const base = char.normalize("NFKD").replace(/\p{M}/gu, "");
        out += base && [...base].every(can) ? base : "?";
      }
    }
    return out;
  };
}

/** Normalises the column widths: given fractions are scaled to sum to 1; missing or bad ones share equally. */
function columnFractions(columns: number, widths?: number[]): number[] {
  const given =
    widths && widths.length === columns && widths.every((w) => Number.isFinite(w) && w > 0) ? widths : undefined;
  if (!given) return Array.from({ length: columns }, () => 1 / columns);
  const total = given.reduce((sum, w) => sum + w, 0);
  return given.map((w) => w / total);
}

/** Wraps text to lines no wider than `width`, keeping "\n" as line breaks and breaking over-long words. */
function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    const words = paragraph.split(/ +/).filter((word, i) => word !== "" || i === 0);
    let line = "";
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      // A word wider than the line is cut where it fills the line.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    out.push(line);
  }
  return out;
}

/** Shortens one line with an ellipsis to fit `width`. */
function fitLine(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text.length;
  while (cut > 0 && font.widthOfTextAtSize(`${text.slice(0, cut)}…`, size) > width) cut--;
  return `${text.slice(0, cut)}…`;
}
