"use client";
import { TableScroll } from "@/components/govuk/table-scroll";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { formatUkDate } from "@/lib/domain/dates";
import { deleteCalendarEntryAction } from "./actions";

export type CalendarYear = {
  label: string;
  schoolDays: number;
  entries: { id: string; kind: "term" | "closure"; name: string; start: string; end: string }[];
};

/** Strips the "Row 12: " the whole-calendar check puts first: the row numbers are not the table's. */
const plain = (message: string) => message.replace(/^Row \d+: /, "");

/** The calendar, one table per academic year, with a Delete button on each row (a form, so it works without
 * JavaScript). A delete the rest of the calendar cannot do without (a term with closures in it) is refused. */
export function CalendarTables({ years }: { years: CalendarYear[] }) {
  const [state, action, pending] = useActionState(deleteCalendarEntryAction, null);
  const errors =
    state && !state.ok
      ? [
          ...(state.formError ? [{ message: `The entry was not deleted. ${state.formError}:` }] : []),
          ...Object.values(state.fieldErrors)
            .flat()
            .map((m) => ({ message: plain(m) })),
        ]
      : [];
  return (
    <>
      <ErrorSummary errors={errors} />
      {years.map((year) => (
        <TableScroll label="Term dates">
          <table className="govuk-table" key={year.label}>
            <caption className="govuk-table__caption govuk-table__caption--m">
              {year.label}
              <span className="govuk-caption-m">{year.schoolDays} school days</span>
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header">
                  Kind
                </th>
                <th scope="col" className="govuk-table__header">
                  Starts
                </th>
                <th scope="col" className="govuk-table__header">
                  Ends
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {year.entries.map((e) => (
                <tr className="govuk-table__row" key={e.id}>
                  <th
                    scope="row"
                    className={`govuk-table__header${e.kind === "closure" ? " govuk-!-font-weight-regular" : ""}`}
                  >
                    {e.name}
                  </th>
                  <td className="govuk-table__cell">{e.kind === "term" ? "Term" : "Closure"}</td>
                  <td className="govuk-table__cell">{formatUkDate(e.start)}</td>
                  <td className="govuk-table__cell">{formatUkDate(e.end)}</td>
                  <td className="govuk-table__cell">
                    <form action={action}>
                      <input type="hidden" name="entryId" value={e.id} />
                      <button
                        type="submit"
                        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        disabled={pending}
                      >
                        Delete
                        <span className="govuk-visually-hidden">
                          {" "}
                          {e.kind} {e.name}, {formatUkDate(e.start)} to {formatUkDate(e.end)}
                        </span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </>
  );
}
