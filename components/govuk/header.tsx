import Link from "next/link";

type Props = {
  user?: { name: string; roleLabel: string; organisation: string } | null;
  signOut?: (formData: FormData) => Promise<void>;
};

/** The generic (crownless) GOV.UK header with the service name and the signed-in user. */
export function Header({ user, signOut }: Props) {
  return (
    <header className="govuk-header" data-module="govuk-header">
      <div className="govuk-header__container govuk-width-container">
        <div className="govuk-header__logo">
          <Link href="/" className="govuk-header__link govuk-header__link--homepage">
            <span className="govuk-header__logotype-text">Fast Track</span>
          </Link>
        </div>
        {user && (
          <div className="govuk-header__content">
            <p className="app-header__user govuk-body-s">
              {user.name} ({user.roleLabel}, {user.organisation}){" "}
              <Link className="govuk-header__link" href="/account/password">Change password</Link>{" "}
              {signOut && (
                <form action={signOut} className="app-sign-out-form">
                  <button type="submit" className="app-link-button govuk-body-s">Sign out</button>
                </form>
              )}
            </p>
          </div>
        )}
      </div>
    </header>
  );
}
