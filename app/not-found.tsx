import Link from "next/link";

export default function NotFound() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">If you typed the web address, check it is correct.</p>
        <p className="govuk-body">
          If you followed a link to a record, it may not exist or you may not have access to it.
        </p>
        <p className="govuk-body">
          <Link className="govuk-link" href="/">
            Go to the home page
          </Link>
        </p>
      </div>
    </div>
  );
}
