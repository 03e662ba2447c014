import { describe, expect, it } from "vitest";
import { PDFDocument } from "pdf-lib";
import { renderPdf, type PdfBlock } from "./render-pdf";
import { countPdfPages, extractPdfText, extractPdfTitle } from "./pdf-text";

const header = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString("latin1");

describe("renderPdf", () => {
  it("writes an A4 PDF whose text, title, footer and page numbers can be read back", async () => {
    const bytes = await renderPdf({
      title: "Warning letter – Amelia Hart",
      author: "Darlington Borough Council",
      footer: "Darlington Borough Council · Attendance service",
      blocks: [
        { kind: "heading", text: "Notice under section 444", level: 1 },
        { kind: "paragraph", text: "Dear Mrs Hart,\nThis letter is about Amelia’s attendance." },
        {
          kind: "keyValue",
          rows: [
            ["Pupil", "Amelia Hart"],
            ["Attendance", "84.2%"],
          ],
        },
        { kind: "spacer" },
        { kind: "table", head: ["Date", "Event"], rows: [["20 November 2026", "Meeting held"]], widths: [1, 3] },
      ],
    });
    expect(header(bytes)).toBe("%PDF-");
    const text = extractPdfText(bytes);
    for (const expected of [
      "Notice under section 444",
      "Dear Mrs Hart,",
      "This letter is about Amelia’s attendance.",
      "Pupil",
      "Amelia Hart",
      "84.2%",
      "Date",
      "Event",
      "20 November 2026",
      "Meeting held",
      "Page 1 of 1",
      "Darlington Borough Council · Attendance service",
    ]) {
      expect(text).toContain(expected);
    }
    expect(extractPdfTitle(bytes)).toBe("Warning letter – Amelia Hart");

    const loaded = await PDFDocument.load(bytes);
    expect(loaded.getPageCount()).toBe(1);
    const { width, height } = loaded.getPage(0).getSize();
    expect(Math.round(width)).toBe(595);
    expect(Math.round(height)).toBe(842);
    expect(loaded.getTitle()).toBe("Warning letter – Amelia Hart");
    expect(loaded.getAuthor()).toBe("Darlington Borough Council");
  });

  it("breaks long content onto new pages, numbers them all and repeats the table head on each", async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`Row ${i + 1}`, `Session note ${i + 1}`]);
    const bytes = await renderPdf({
      title: "Timeline",
      blocks: [{ kind: "table", head: ["When", "What happened"], rows }],
    });
    const pages = countPdfPages(bytes);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = extractPdfText(bytes);
    expect(text.split("\n").filter((line) => line === "What happened")).toHaveLength(pages);
    for (let page = 1; page <= pages; page++) expect(text).toContain(`Page ${page} of ${pages}`);
    expect(text).toContain("Row 1\n");
    expect(text).toContain("Session note 120");
    // every row is drawn exactly once
    expect(text.split("\n").filter((line) => /^Row \d+$/.test(line))).toHaveLength(120);
  });

  it("wraps long paragraphs within the margins and keeps explicit line breaks", async () => {
    const long = Array.from({ length: 60 }, (_, i) => `word${i}`).join(" ");
    const bytes = await renderPdf({ title: "Wrap", blocks: [{ kind: "paragraph", text: `${long}\nSecond line` }] });
    const lines = extractPdfText(bytes).split("\n");
    const wrapped = lines.filter((line) => line.startsWith("word"));
    expect(wrapped.length).toBeGreaterThan(2);
    expect(wrapped.join(" ")).toBe(long);
    expect(lines).toContain("Second line");
  });

  it("starts a new page on pageBreak and ignores a break at the top of a page", async () => {
    const blocks: PdfBlock[] = [
      { kind: "pageBreak" },
      { kind: "paragraph", text: "First page" },
      { kind: "pageBreak" },
      { kind: "paragraph", text: "Second page" },
    ];
    const bytes = await renderPdf({ title: "Breaks", blocks });
    expect(countPdfPages(bytes)).toBe(2);
    expect(extractPdfText(bytes)).toContain("Page 2 of 2");
  });

  it("prints names as they are in an embedded Unicode font, and replaces only what the font cannot draw", async () => {
    const bytes = await renderPdf({
      title: "Zoë Łukasz-Nguyễn",
      footer: "Siobhán Wójcik",
      blocks: [
        { kind: "heading", text: "Zoë Łukasz-Nguyễn" },
        { kind: "paragraph", text: "Dear Siobhán Wójcik and Ștefan Dvořák,\n😀 王 − → £2,500.00 “quoted” — €5" },
        { kind: "keyValue", rows: [["Parent", "Siobhán Wójcik"]] },
        { kind: "table", head: ["Name"], rows: [["Zoë Łukasz-Nguyễn"]] },
      ],
    });
    const text = extractPdfText(bytes);
    expect(text.split("\n").filter((line) => line === "Zoë Łukasz-Nguyễn")).toHaveLength(2);
    expect(text).toContain("Dear Siobhán Wójcik and Ștefan Dvořák,\n? ? − -> £2,500.00 “quoted” — €5");
    expect(text).toContain("Siobhán Wójcik");
    expect(extractPdfTitle(bytes)).toBe("Zoë Łukasz-Nguyễn");
    // The font is embedded (subset), not a standard font.
    expect(Buffer.from(bytes).toString("latin1")).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(Buffer.from(bytes).toString("latin1")).not.toContain("/Helvetica");
  });

  it("renders an empty document as one numbered page", async () => {
    const bytes = await renderPdf({ title: "Empty", blocks: [] });
    expect(countPdfPages(bytes)).toBe(1);
    expect(extractPdfText(bytes)).toContain("Page 1 of 1");
  });
});
