import { Table } from "@/components/govuk/table";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";

export type ApiTokenRow = {
  id: string;
  label: string;
  createdAt: Date;
  expiresAt: Date;
  readOnly: boolean;
  revokedAt: Date | null;
  revokedReason: string | null;
  lastUsedAt: Date | null;
};

const REVOKED_BECAUSE: Record<string, string> = {
  owner: "by its owner",
  administrator: "by an administrator",
  password_changed: "when the password changed",
  user_disabled: "when the user was disabled",
};

/** A list of API tokens (never their secrets), each with a Revoke button while it still works. */
export function ApiTokenTable({
  tokens,
  now,
  revoke,
}: {
  tokens: ApiTokenRow[];
  now: Date;
  revoke: (formData: FormData) => Promise<void>;
}) {
  const day = (d: Date) => formatUkDate(toIsoDate(d));
  return (
    <Table
      caption="API tokens"
      rowKey={(t) => t.id}
      rows={tokens}
      columns={[
        { header: "Name", cell: (t) => t.label },
        { header: "Access", cell: (t) => (t.readOnly ? "Read only" : "Read and write") },
        { header: "Created", cell: (t) => day(t.createdAt) },
        { header: "Expires", cell: (t) => day(t.expiresAt) },
        { header: "Last used", cell: (t) => (t.lastUsedAt ? day(t.lastUsedAt) : "Never") },
        {
          header: "Status",
          cell: (t) =>
            t.revokedAt ? (
              `Revoked ${day(t.revokedAt)}${t.revokedReason ? ` ${REVOKED_BECAUSE[t.revokedReason] ?? ""}` : ""}`
            ) : t.expiresAt.getTime() <= now.getTime() ? (
              "Expired"
            ) : (
              <form action={revoke}>
                <input type="hidden" name="tokenId" value={t.id} />
                <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-0">
                  Revoke<span className="govuk-visually-hidden"> token {t.label}</span>
                </button>
              </form>
            ),
        },
      ]}
    />
  );
}
