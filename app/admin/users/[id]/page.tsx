import { SummaryList } from "@/components/govuk/summary-list";
import { ApiTokenTable } from "@/components/account/api-token-table";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { now } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { orNotFound } from "@/lib/server/not-found";
import { confirmationNeedsCode } from "@/lib/server/second-factor/second-factor-step";
import { getUser } from "@/lib/server/users/get-user";
import { revokeApiTokenAction, setUserDisabledAction } from "../actions";
import { UserSecrets } from "./user-secrets";

export const metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("user.manage");
  const user = await orNotFound(getUser(actor, (await params).id));
  return (
    <>
      <span className="govuk-caption-l">User</span>
      <h1 className="govuk-heading-l">{user.name}</h1>
      <SummaryList
        rows={[
          { key: "Email", value: user.email },
          { key: "Role", value: ROLE_LABELS[user.role] },
          ...(user.school ? [{ key: "School", value: `${user.school.name} (URN ${user.school.urn})` }] : []),
          {
            key: "Status",
            value: user.disabled ? "Disabled" : user.mustChangePassword ? "Active, must set a password" : "Active",
          },
          { key: "Added", value: formatUkDate(toIsoDate(user.createdAt)) },
        ]}
      />
      {user.id !== actor.id && (
        <form action={setUserDisabledAction}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="disable" value={user.disabled ? "false" : "true"} />
          <button
            type="submit"
            className={`govuk-button ${user.disabled ? "govuk-button--secondary" : "govuk-button--warning"}`}
          >
            {user.disabled ? "Enable this user" : "Disable this user"}
          </button>
        </form>
      )}
      <UserSecrets
        userId={user.id}
        withCode={await confirmationNeedsCode(actor.id)}
        enrolled={user.totpEnrolledAt !== null}
      />
      <h2 className="govuk-heading-m">API tokens</h2>
      <p className="govuk-body">
        Users create their own tokens from their account. You can see their tokens here and revoke any of them.
      </p>
      {user.apiTokens.length > 0 ? (
        <ApiTokenTable tokens={user.apiTokens} now={now()} revoke={revokeApiTokenAction} />
      ) : (
        <p className="govuk-body">This user has no API tokens.</p>
      )}
    </>
  );
}
