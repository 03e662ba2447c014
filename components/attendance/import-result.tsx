"use client";
import { TableScroll } from "@/components/govuk/table-scroll";
import { useEffect, useRef } from "react";
import { formatUkDate, isIsoDate } from "@/lib/domain/dates";
import type { ImportRowError, ImportSaved } from "./import-outcome";
import { count } from "./format";

/**
 * The GOV.UK error summary for a refused register: the general problems, each linking to the file input, then
 * every problem in the file in a table (line, UPN, date, what is wrong). Focused when it appears.
 */
export function ImportErrorSummary({
  messages,
  rowErrors,
  fieldId,
}: {
  messages: string[];
  rowErrors: ImportRowError[];
  fieldId: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = [...messages, ...rowErrors.map((e) => `${e.line}:${e.message}`)].join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (!signature) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {messages.map((m) => (
              <li key={m}>
                <a href={`#${fieldId}`}>{m}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {rowErrors.length > 0 && (
        <TableScroll label="Problems in the file">
          <table className="govuk-table govuk-table--small-text-until-tablet govuk-!-margin-bottom-0">
            <caption className="govuk-table__caption govuk-table__caption--s">Problems in the file</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Line
                </th>
                <th scope="col" className="govuk-table__header">
                  UPN
                </th>
                <th scope="col" className="govuk-table__header">
                  Date
                </th>
                <th scope="col" className="govuk-table__header">
                  Problem
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {rowErrors.map((e, i) => (
                <tr className="govuk-table__row" key={`${i}-${e.line}`}>
                  <th scope="row" className="govuk-table__header" style={{ whiteSpace: "nowrap" }}>
                    {e.line === null ? "" : `Line ${e.line}`}
                  </th>
                  <td className="govuk-table__cell">{e.upn ?? ""}</td>
                  <td className="govuk-table__cell" style={{ whiteSpace: "nowrap" }}>
                    {e.date ? (isIsoDate(e.date) ? formatUkDate(e.date) : e.date) : ""}
                  </td>
                  <td className="govuk-table__cell">{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}

/** The confirmation after a register was saved, with what changed. Focused when it appears. */
export function ImportSavedPanel({ saved }: { saved: ImportSaved }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [saved]);
  const total = saved.marksCreated + saved.marksUpdated + saved.marksUnchanged;
  return (
    <div className="govuk-panel govuk-panel--confirmation" ref={ref} tabIndex={-1} role="status">
      <h2 className="govuk-panel__title">Register imported</h2>
      <div className="govuk-panel__body">
        {saved.filename ? <>{saved.filename}: </> : null}
        {count(total)} mark{total === 1 ? "" : "s"} read
        <ul className="govuk-list govuk-!-margin-top-2 govuk-!-margin-bottom-0" style={{ color: "inherit" }}>
          <li>{count(saved.marksCreated)} new</li>
          <li>{count(saved.marksUpdated)} changed</li>
          <li>{count(saved.marksUnchanged)} unchanged</li>
        </ul>
      </div>
    </div>
  );
}
