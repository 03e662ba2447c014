"use client";

export default function ErrorPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">Try again later. Nothing you entered has been lost if you saw no confirmation.</p>
      </div>
    </div>
  );
}
