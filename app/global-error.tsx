"use client";
import "./globals.scss";

/**
 * An unexpected error in the root layout itself (for example the database is down, so the signed-in user cannot
 * be read): the same GOV.UK page as app/error.tsx, in a page of its own, with the request's id to quote.
 */
export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en-GB" className="govuk-template govuk-template--rebranded">
      <body className="govuk-template__body">
        <header className="moj-header" role="banner">
          <div className="moj-header__container">
            <div className="moj-header__logo">
              <a className="moj-header__link moj-header__link--service-name" href="/">
                Fast Track
              </a>
            </div>
          </div>
        </header>
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
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
          </main>
        </div>
      </body>
    </html>
  );
}
