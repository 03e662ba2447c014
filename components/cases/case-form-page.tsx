import Link from "next/link";
import type { ReactNode } from "react";

/** The frame of every case action page: back to the case, the pupil as caption, the heading, then the form, or
 * instead the reason this user cannot make the change (cosmetic: the server refuses it anyway). */
export function CaseFormPage({
  caseId,
  pupilName,
  title,
  refused,
  children,
}: {
  caseId: string;
  pupilName: string;
  title: string;
  refused: string | null;
  children: ReactNode;
}) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href={`/cases/${caseId}`}>
          Back to the case
        </Link>
        <span className="govuk-caption-l">{pupilName}</span>
        {refused ? (
          <>
            <h1 className="govuk-heading-l">{title}</h1>
            <p className="govuk-body">{refused}</p>
            <p className="govuk-body">
              <Link className="govuk-link" href={`/cases/${caseId}`}>
                Return to the case
              </Link>
            </p>
          </>
        ) : (
          children
        )}
      </div>
    </div>
  );
}
