import Link from "next/link";
import { redirect } from "next/navigation";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { TableScroll } from "@/components/govuk/table-scroll";
import { BULK_CASE_ACTIONS, unseenCasesMessage, type BulkCaseAction } from "@/lib/domain/bulk-cases";
import { formatUkDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { findBulkCases } from "@/lib/server/cases/bulk-cases";
import { findOfficers } from "@/lib/server/cases/find-officers";
import { parseQueueFilters, queueQuery } from "@/lib/server/queues/queue-filters";
import { BulkLettersForm, BulkReassignForm } from "./bulk-forms";

export const metadata = { title: "Change several cases" };

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * GET /cases/bulk?action=reassign|letters&case=<id>&case=<id>…&back=<queue query>: the cases ticked in a queue
 * (issue 15 §5), listed, with the form for what to do with them. Nothing ticked: back to the queue, which says so.
 */
export default async function BulkCasesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("case.manage");
  const params = await searchParams;
  const action = list(params.action)[0] as BulkCaseAction | undefined;
  // Nothing to do (an old link, or the address typed): back to the queues.
  if (!action || !BULK_CASE_ACTIONS.includes(action)) redirect("/cases");
  // Back to the queue the cases were ticked in, re-read through its own filters (never a URL from elsewhere).
  const { filters } = parseQueueFilters(Object.fromEntries(new URLSearchParams(list(params.back)[0] ?? "")));
  const query = queueQuery(filters);
  const back = query ? `/cases?${query}` : "/cases";
  const ids = list(params.case).map((id) => id.trim());
  if (ids.length === 0) redirect(`${back}${query ? "&" : "?"}bulk=none`);

  const { cases, unseen, problem } = await findBulkCases(actor, ids);
  const refused = cases.filter((c) => c.refused);
  const title =
    action === "reassign"
      ? `Reassign ${ids.length === 1 ? "1 case" : `${ids.length} cases`}`
      : `Send the same letter to ${ids.length === 1 ? "1 case" : `${ids.length} cases`}`;
  const blocked = problem ?? (unseen > 0 ? unseenCasesMessage(unseen, ids.length) : null);

  const table = (
    <TableScroll label="The cases selected">
      <table className="govuk-table govuk-!-font-size-16" id="selected-cases" tabIndex={-1}>
        <caption className="govuk-table__caption govuk-table__caption--m">The cases selected</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Pupil
            </th>
            <th scope="col" className="govuk-table__header">
              Officer
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
            <th scope="col" className="govuk-table__header">
              Fast Track window
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {cases.map((c) => (
            <tr className="govuk-table__row" key={c.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" href={`/cases/${c.id}`}>
                  {c.pupil}
                </Link>
                <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">UPN {c.upn}</span>
                {c.refused && (
                  <strong className="govuk-error-message govuk-!-font-size-16 govuk-!-margin-bottom-0">
                    You cannot change this case: {c.refused}
                  </strong>
                )}
              </td>
              <td className="govuk-table__cell">{c.officer}</td>
              <td className="govuk-table__cell">{c.status}</td>
              <td className="govuk-table__cell">{c.windowStarted ? "Started" : "Not started"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
  const refs = cases.map((c) => `${c.id}:${c.version}`).join(",");
  const again = (
    <p className="govuk-body">
      <Link className="govuk-link" href={back}>
        Go back to the queue and select the cases again
      </Link>
    </p>
  );

  return (
    <>
      <Link className="govuk-back-link" href={back}>
        Back to the queue
      </Link>
      {blocked ? (
        <>
          <ErrorSummary errors={[{ message: blocked }]} />
          <h1 className="govuk-heading-l">{title}</h1>
          {again}
        </>
      ) : action === "reassign" ? (
        <BulkReassignForm
          title={title}
          refused={refused.length}
          cases={refs}
          count={cases.length}
          officers={await findOfficers(actor)}
          back={back}
        >
          {table}
        </BulkReassignForm>
      ) : (
        <BulkLettersForm
          title={title}
          refused={refused.length}
          cases={refs}
          count={cases.length}
          todayText={formatUkDate(today())}
          withoutWindow={cases.filter((c) => !c.windowStarted).length}
          back={back}
        >
          {table}
        </BulkLettersForm>
      )}
    </>
  );
}
