import Link from "next/link";
import { requireUser } from "@/lib/server/auth";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const actor = await requireUser();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Your account</h1>
        <p className="govuk-body">
          {actor.name}, {actor.email}
        </p>
        <ul className="govuk-list">
          <li>
            <Link className="govuk-link" href="/account/password">
              Change your password
            </Link>
          </li>
          <li>
            <Link className="govuk-link" href="/account/tokens">
              Your API tokens
            </Link>
          </li>
        </ul>
      </div>
    </div>
  );
}
