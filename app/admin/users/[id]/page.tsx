import { notFound } from "next/navigation";
import { SummaryList } from "@/components/govuk/summary-list";
import { Table } from "@/components/govuk/table";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { requirePermission } from "@/lib/server/auth";
import { NotFoundError } from "@/lib/server/errors";
import { getUser } from "@/lib/server/users/get-user";
import { revokeApiTokenAction, setUserDisabledAction } from "../actions";
import { UserSecrets } from "./user-secrets";

export const metadata = { title: "User" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("user.manage");
  const user = await getUser(actor, (await params).id).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
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
      <UserSecrets userId={user.id} />
      {user.apiTokens.length > 0 && (
        <Table
          caption="API tokens"
          rowKey={(t) => t.id}
          rows={user.apiTokens}
          columns={[
            { header: "Label", cell: (t) => t.label || "(no label)" },
            { header: "Created", cell: (t) => formatUkDate(toIsoDate(t.createdAt)) },
            { header: "Last used", cell: (t) => (t.lastUsedAt ? formatUkDate(toIsoDate(t.lastUsedAt)) : "Never") },
            {
              header: "Status",
              cell: (t) =>
                t.revokedAt ? (
                  `Revoked ${formatUkDate(toIsoDate(t.revokedAt))}`
                ) : (
                  <form action={revokeApiTokenAction}>
                    <input type="hidden" name="tokenId" value={t.id} />
                    <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                      Revoke<span className="govuk-visually-hidden"> token {t.label}</span>
                    </button>
                  </form>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
