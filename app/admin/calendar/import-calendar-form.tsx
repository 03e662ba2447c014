"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { importCalendarAction } from "./actions";
import { SuccessBanner } from "@/components/govuk/success-banner";

/** Uploads a calendar CSV. The file is small, so it goes through the server action with or without JavaScript. */
export function ImportCalendarForm() {
  const [state, action, pending] = useActionState(importCalendarAction, null);
  const problems = state && !state.ok ? Object.values(state.fieldErrors).flat() : [];
  const summary = [
    ...(state && !state.ok && state.formError ? [{ field: "calendar-file", message: state.formError }] : []),
    ...problems.map((message) => ({ field: "calendar-file", message })),
  ];
  const fieldMessage = state && !state.ok ? (state.formError ?? problems[0]) : undefined;
  return (
    <>
      <ErrorSummary errors={summary} />
      {state?.ok && (
        <SuccessBanner id="calendar-imported-title" role="alert">
          <p className="govuk-notification-banner__heading">Calendar imported: {state.data.rows} terms and closures</p>
        </SuccessBanner>
      )}
      <form action={action}>
        <div className={`govuk-form-group${fieldMessage ? " govuk-form-group--error" : ""}`}>
          <h2 className="govuk-label-wrapper">
            <label className="govuk-label govuk-label--m" htmlFor="calendar-file">
              Upload a calendar file
            </label>
          </h2>
          <div className="govuk-hint" id="calendar-file-hint">
            A CSV file with the header <code>kind,start,end,name</code>. Each academic year with a term in the file
            replaces that year&apos;s calendar; other years are kept.
          </div>
          {fieldMessage && (
            <p id="calendar-file-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {fieldMessage}
            </p>
          )}
          <input
            className={`govuk-file-upload${fieldMessage ? " govuk-file-upload--error" : ""}`}
            id="calendar-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby={`calendar-file-hint${fieldMessage ? " calendar-file-error" : ""}`}
          />
        </div>
        <button
          type="submit"
          className="govuk-button govuk-button--secondary"
          data-module="govuk-button"
          disabled={pending}
        >
          Upload calendar
        </button>
      </form>
    </>
  );
}
