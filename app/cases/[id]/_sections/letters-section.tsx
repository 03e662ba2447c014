import { TableScroll } from "@/components/govuk/table-scroll";
import Link from "next/link";
import { formatUkDate } from "@/lib/domain/dates";
import { LETTER_KIND_LABELS } from "@/lib/domain/letters";
import { getActor } from "@/lib/server/auth";
import { CASE_VIEW_COVERS } from "@/lib/server/cases/get-case";
import { findCaseLetters } from "@/lib/server/letters/find-case-letters";

/** The case page's letters: each letter sent (kind, parent/carer, date sent, PDF), and a "Produce letters" link
 * for those who may change the case. The case page has already checked the actor may see the case. */
export async function CaseLettersSection({ caseId }: { caseId: string }) {
  const actor = await getActor();
  if (!actor) return null;
  const { letters, mayProduce } = await findCaseLetters(actor, caseId, CASE_VIEW_COVERS);
  // Letters sent together (one production, several parents) print as one PDF.
  const byProduction = new Map<string, typeof letters>();
  for (const l of letters) byProduction.set(l.productionId, [...(byProduction.get(l.productionId) ?? []), l]);
  const productions = [...byProduction.values()].filter((group) => group.length > 1);
  return (
    <section aria-labelledby="letters" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="letters">
        Letters
      </h2>
      {letters.length === 0 ? (
        <p className="govuk-body">No letters have been sent on this case.</p>
      ) : (
        <TableScroll label="Letters sent on this case">
          <table className="govuk-table">
            <caption className="govuk-visually-hidden">Letters sent on this case</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Letter
                </th>
                <th scope="col" className="govuk-table__header">
                  To
                </th>
                <th scope="col" className="govuk-table__header">
                  Sent on
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">PDF</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {letters.map((l) => (
                <tr className="govuk-table__row" key={l.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" href={`/cases/${caseId}/letters/${l.id}`}>
                      {LETTER_KIND_LABELS[l.kind]}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{l.parentName}</td>
                  <td className="govuk-table__cell">{formatUkDate(l.sentOn)}</td>
                  <td className="govuk-table__cell">
                    <a
                      className="govuk-link"
                      href={`/cases/${caseId}/letters/${l.id}/pdf`}
                      target="_blank"
                      rel="noopener"
                    >
                      PDF
                      <span className="govuk-visually-hidden">
                        {" "}
                        of the {LETTER_KIND_LABELS[l.kind].toLowerCase()} to {l.parentName}, sent{" "}
                        {formatUkDate(l.sentOn)}
                      </span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {productions.length > 0 && (
        <ul className="govuk-list">
          {productions.map((group) => (
            <li key={group[0]!.productionId}>
              <a
                className="govuk-link"
                href={`/cases/${caseId}/letters/print?production=${group[0]!.productionId}`}
                target="_blank"
                rel="noopener"
              >
                Print the {group.length} letters sent on {formatUkDate(group[0]!.sentOn)} (
                {LETTER_KIND_LABELS[group[0]!.kind].toLowerCase()}) as one PDF
              </a>
            </li>
          ))}
        </ul>
      )}
      {mayProduce && (
        <p className="govuk-body">
          <Link className="govuk-link" href={`/cases/${caseId}/letters/new`}>
            Produce letters
          </Link>
        </p>
      )}
    </section>
  );
}
