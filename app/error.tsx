"use client";

/**
 * An unexpected error: the GOV.UK "problem with the service" page, with the request's id for the user to quote
 * (instrumentation.ts makes the error's digest the request id, which every log line and audit row of that
 * request carries).
 */
export default function ErrorPage({ error }: { error: Error & { digest?: string } }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">Try again later.</p>
        <p className="govuk-body">Nothing you entered has been saved unless you saw a confirmation.</p>
        {error.digest && (
          <div className="govuk-inset-text">
            If you contact your service desk about this, quote this reference:{" "}
            <strong className="app-error-reference" data-testid="error-reference">
              {error.digest}
            </strong>
          </div>
        )}
      </div>
    </div>
  );
}
