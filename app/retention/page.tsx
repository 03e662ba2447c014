import Link from "next/link";
import { formatUkDate } from "@/lib/domain/dates";
import { describeMonths } from "@/lib/domain/retention";
import { requirePermission } from "@/lib/server/auth";
import { getRetentionSchedule } from "@/lib/server/retention/retention-schedule";
import { getRetentionDryRun } from "@/lib/server/retention/run-retention";
import { RetentionScheduleForm } from "./retention-schedule-form";

export const metadata = { title: "Retention schedule" };

/** The authority's retention schedule and what it would erase today (ADR 039): the data protection officer's. */
export default async function RetentionPage() {
  const actor = await requirePermission("retention.manage");
  const schedule = await getRetentionSchedule(actor);
  const dryRun = await getRetentionDryRun(actor);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <span className="govuk-caption-l">{actor.authorityName}</span>
        <h1 className="govuk-heading-l">Retention schedule</h1>
        <p className="govuk-body">
          How long each kind of record is kept. Every night the daily job erases what has passed its period, in batches,
          and records each batch in the audit log. Nothing covered by a{" "}
          <Link className="govuk-link" href="/legal-holds">
            legal hold
          </Link>{" "}
          is erased.
        </p>
      </div>
      <div className="govuk-grid-column-two-thirds">
        <RetentionScheduleForm periods={schedule.map((p) => ({ type: p.type, keepMonths: p.keepMonths }))} />
      </div>
      <div className="govuk-grid-column-full">
        <h2 className="govuk-heading-m">What would be erased today ({formatUkDate(dryRun.today)})</h2>
        <p className="govuk-body">A dry run: nothing has been erased. Viewing it is recorded in the audit log.</p>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">What the schedule would erase today</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Records
              </th>
              <th scope="col" className="govuk-table__header">
                Kept for
              </th>
              <th scope="col" className="govuk-table__header">
                Past their period if before
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Would be erased
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Kept by a legal hold
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {dryRun.periods.map((p) => (
              <tr className="govuk-table__row" key={p.type}>
                <th scope="row" className="govuk-table__header">
                  {p.rule.label}
                  {p.erasedBefore && (
                    <span className="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                      Marks go a whole academic year at a time: those before {formatUkDate(p.erasedBefore)}. A pupil
                      under a legal hold or with an open case keeps theirs.
                    </span>
                  )}
                </th>
                <td className="govuk-table__cell">
                  {describeMonths(p.keepMonths)}
                  {p.chosen ? "" : " (default)"}, {p.rule.basis === "statutory" ? "statutory" : "local policy"}
                </td>
                <td className="govuk-table__cell">{formatUkDate(p.cutoff)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{p.due.toLocaleString("en-GB")}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{p.held ?? "Not counted"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {dryRun.cases.length > 0 && (
          <>
            <h3 className="govuk-heading-s">Closed cases past their period</h3>
            <ul className="govuk-list govuk-list--bullet">
              {dryRun.cases.map((c) => (
                <li key={c.id}>
                  Case {c.id}, closed {formatUkDate(c.closedOn)}
                  {c.held ? ": kept by a legal hold" : ": would be erased"}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
