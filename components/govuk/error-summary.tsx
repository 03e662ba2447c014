"use client";
import { useEffect, useRef } from "react";

export type SummaryError = { field?: string; message: string };

/**
 * The GOV.UK error summary: focused when it appears, each error linking to its field (`#<field>`, or
 * `#<idPrefix><field>` where a page has several forms with the same fields, each with its own prefix).
 */
export function ErrorSummary({ errors, idPrefix = "" }: { errors: SummaryError[]; idPrefix?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.field}:${e.message}`).join("|");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (errors.length === 0) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={`${e.field ?? "form"}-${e.message}`}>
                {e.field ? <a href={`#${idPrefix}${e.field}`}>{e.message}</a> : e.message}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
