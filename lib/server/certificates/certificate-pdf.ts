import "server-only";
import { formatUkDate } from "@/lib/domain/dates";
import type { PdfBlock } from "../pdf/render-pdf";
import { renderPdf } from "../pdf/render-pdf";
import type { CertificateView } from "./get-certificate";

const SESSION = { AM: "Morning", PM: "Afternoon" } as const;

/**
 * The certificate's content as PDF blocks (also appended to the prosecution file): the statute, the pupil and school,
 * the period, every session with its date, code and meaning (unauthorised ones marked), the totals, the evidence
 * hash, and the head teacher's signature block, filled in once the signature is recorded.
 */
export function certificateBlocks(view: CertificateView): PdfBlock[] {
  const t = view.totals;
  const signature = view.signature;
  return [
    { kind: "heading", text: "Certificate of attendance", level: 1 },
    { kind: "paragraph", text: "Education Act 1996, section 566: certificate of a pupil's attendance at school" },
    {
      kind: "keyValue",
      rows: [
        ["Pupil", view.pupil.name],
        ["Date of birth", formatUkDate(view.pupil.dateOfBirth)],
        ["Unique pupil number", view.pupil.upn],
        ["School", `${view.school.name} (URN ${view.school.urn})`],
        ["Period", `${formatUkDate(view.period.start)} to ${formatUkDate(view.period.end)}`],
      ],
    },
    { kind: "heading", text: "Sessions in the period", level: 2 },
    {
      kind: "paragraph",
      text:
        "Every session recorded in the attendance register in the period. Sessions marked UNAUTHORISED are absences " +
        "without leave; authorised absences are listed but are not relied on.",
    },
    {
      kind: "table",
      head: ["Date", "Session", "Code", "Meaning", "Unauthorised"],
      widths: [2.2, 1.3, 0.7, 4.2, 2.2],
      rows: view.sessions.map((s) => [
        formatUkDate(s.date),
        SESSION[s.session],
        s.code,
        s.meaning,
        s.unauthorised ? "UNAUTHORISED" : "",
      ]),
    },
    { kind: "heading", text: "Totals", level: 2 },
    {
      kind: "keyValue",
      rows: [
        ["Possible sessions", String(t.possible)],
        ["Present", String(t.present)],
        ["Approved educational activity", String(t.approvedActivity)],
        ["Authorised absence", String(t.authorised)],
        ["Unauthorised absence", String(t.unauthorised)],
        ["Attendance", t.attendancePct === null ? "No possible sessions" : `${t.attendancePct.toFixed(1)}%`],
      ],
    },
    {
      kind: "paragraph",
      text:
        `This certificate is built from the register extract frozen on ${formatUkDate(view.frozenAt.toISOString().slice(0, 10))} ` +
        `(SHA-256 ${view.contentHash}).`,
    },
    { kind: "heading", text: "Signature of the head teacher", level: 2 },
    {
      kind: "paragraph",
      text: `I certify that the above is a true extract of the attendance register kept by ${view.school.name} for the pupil named.`,
    },
    signature
      ? {
          kind: "keyValue",
          rows: [
            ["Signed by", signature.signedBy],
            ["Date signed", formatUkDate(signature.signedOn)],
            [
              "Recorded",
              signature.recordedAs === "school"
                ? "By the school in Fast Track"
                : "Signed paper copy, recorded by the attendance service",
            ],
            ...(signature.scanSha256 ? [["Signed scan (SHA-256)", signature.scanSha256] as [string, string]] : []),
          ],
        }
      : {
          kind: "keyValue",
          rows: [
            ["Signed", "______________________________"],
            ["Name", "______________________________"],
            ["Head teacher of", view.school.name],
            ["Date", "______________________________"],
          ],
        },
  ];
}

export function renderCertificatePdf(view: CertificateView, authorityName: string): Promise<Uint8Array> {
  return renderPdf({
    title: `Certificate of attendance: ${view.pupil.name}`,
    author: authorityName,
    footer: `${view.school.name}: certificate of attendance (section 566), ${view.pupil.name}`,
    blocks: certificateBlocks(view),
  });
}
