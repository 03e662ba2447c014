import { signOutAction } from "./actions";

export const metadata = { title: "Sign out" };

export default function SignOutPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sign out</h1>
        <form action={signOutAction}>
          <button type="submit" className="govuk-button">
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
