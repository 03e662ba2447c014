import Link from "next/link";
import { LetterPreview } from "@/components/letters/letter-preview";
import { formatUkDate } from "@/lib/domain/dates";
import { LETTER_KIND_LABELS } from "@/lib/domain/letters";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { orNotFound } from "@/lib/server/not-found";
import { getCaseLetter } from "@/lib/server/letters/get-case-letter";

export const metadata = { title: "Letter" };

/** One letter as sent, to read or print from the browser (the print styles hide everything but the letter). */
export default async function CaseLetterPage({ params }: { params: Promise<{ id: string; letterId: string }> }) {
  const actor = await requirePermission("case.read");
  const { id, letterId } = await params;
  await askReasonFirst(actor, id, `letters/${letterId}`); // a manager on another officer's case says why first
  const letter = await orNotFound(getCaseLetter(actor, id, letterId));
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="app-no-print">
          <Link className="govuk-back-link" href={`/cases/${letter.caseId}#letters`}>
            Back to the case
          </Link>
          <span className="govuk-caption-l">{LETTER_KIND_LABELS[letter.kind]}</span>
          <h1 className="govuk-heading-l">Letter to {letter.parentName}</h1>
          <p className="govuk-body">
            Sent on {formatUkDate(letter.sentOn)}.{" "}
            <a className="govuk-link" href={`/cases/${letter.caseId}/letters/${letter.id}/pdf`}>
              Download the PDF
            </a>
          </p>
        </div>
        <p className="govuk-body govuk-!-font-weight-bold">{letter.authorityName}</p>
        <LetterPreview subject={letter.subject} body={letter.body} />
      </div>
    </div>
  );
}
