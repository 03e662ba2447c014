import Link from "next/link";

type Props = {
  user?: { name: string; roleLabel: string; organisation: string; unreadNotifications?: number } | null;
  signOut?: (formData: FormData) => Promise<void>;
};

/** The MOJ header: the organisation, the service name, and the signed-in user's account links. No crown or
 * crest: a council service is not a government department. */
export function Header({ user, signOut }: Props) {
  return (
    <header className="moj-header" role="banner">
      <div className="moj-header__container">
        <div className="moj-header__logo">
          {user && <span className="moj-header__link moj-header__link--organisation-name">{user.organisation}</span>}
          <Link className="moj-header__link moj-header__link--service-name" href="/">
            Fast Track
          </Link>
        </div>
        {user && (
          <div className="moj-header__content">
            <nav className="moj-header__navigation" aria-label="Account navigation">
              <ul className="moj-header__navigation-list">
                <li className="moj-header__navigation-item">
                  <span className="moj-header__navigation-link" style={{ textDecoration: "none" }}>
                    {user.name} ({user.roleLabel})
                  </span>
                </li>
                {user.unreadNotifications !== undefined && (
                  <li className="moj-header__navigation-item">
                    <Link className="moj-header__navigation-link" href="/notifications">
                      Notifications
                      {user.unreadNotifications > 0 && (
                        <>
                          {" "}
                          <span className="moj-notification-badge">
                            {user.unreadNotifications}
                            <span className="govuk-visually-hidden"> unread</span>
                          </span>
                        </>
                      )}
                    </Link>
                  </li>
                )}
                <li className="moj-header__navigation-item">
                  <Link className="moj-header__navigation-link" href="/account">
                    Your account
                  </Link>
                </li>
                {signOut && (
                  <li className="moj-header__navigation-item">
                    <form action={signOut} className="app-sign-out-form">
                      <button type="submit" className="moj-header__navigation-link app-link-button">
                        Sign out
                      </button>
                    </form>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        )}
      </div>
    </header>
  );
}
