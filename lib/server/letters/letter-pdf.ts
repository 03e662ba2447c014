import "server-only";
import { renderPdf, type PdfBlock } from "../pdf/render-pdf";

/**
 * A letter as a PDF: the authority's letterhead, then the merged body, with the subject as a bold line after the
 * greeting ("Dear …"), where British letters put it (at the top when the body has no greeting). Everything comes
 * from the stored letter, so a letter renders the same whenever it is downloaded.
 */
export function letterPdf(letter: {
  authorityName: string;
  subject: string;
  body: string;
  title: string;
  reference: string;
}): Promise<Uint8Array> {
  return renderPdf({
    title: letter.title,
    author: letter.authorityName,
    blocks: letterBlocks(letter),
    footer: `${letter.authorityName} · Attendance service · Reference ${letter.reference}`,
  });
}

/** Several letters (of one case, or the same kind across cases) in one PDF for printing (issue 15 §5), each starting on a new page. */
export function lettersPdf(
  letters: readonly { subject: string; body: string }[],
  /** `reference`: the case's, for one case's letters; none for letters across cases (each states its own). */
  meta: { authorityName: string; title: string; reference?: string },
): Promise<Uint8Array> {
  return renderPdf({
    title: meta.title,
    author: meta.authorityName,
    blocks: letters.flatMap((letter, i): PdfBlock[] => [
      ...(i > 0 ? [{ kind: "pageBreak" } as const] : []),
      ...letterBlocks({ ...letter, authorityName: meta.authorityName }),
    ]),
    footer: `${meta.authorityName} · Attendance service${meta.reference ? ` · Reference ${meta.reference}` : ""}`,
  });
}

function letterBlocks(letter: { authorityName: string; subject: string; body: string }): PdfBlock[] {
  const paragraphs = letter.body
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+$/, ""))
    .filter((p) => p.trim() !== "");
  const greeting = paragraphs.findIndex((p) => /^dear\b/i.test(p.trim()));
  const at = greeting >= 0 ? greeting + 1 : 0;
  return [
    { kind: "heading", text: letter.authorityName, level: 2 },
    { kind: "paragraph", text: "Attendance service" },
    { kind: "spacer" },
    ...paragraphs.slice(0, at).map((text): PdfBlock => ({ kind: "paragraph", text })),
    { kind: "heading", text: letter.subject, level: 3 },
    ...paragraphs.slice(at).map((text): PdfBlock => ({ kind: "paragraph", text })),
  ];
}

/** The reference printed on letters and quoted in replies. */
export const caseReference = (caseId: string) => `FT-${caseId.replace(/-/g, "").slice(0, 8).toUpperCase()}`;
