import Link from "next/link";
import { Table } from "@/components/govuk/table";
import { Tag } from "@/components/govuk/tag";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { requirePermission } from "@/lib/server/auth";
import { findUsers } from "@/lib/server/users/find-users";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePermission("user.manage");
  const users = await findUsers(actor);
  return (
    <>
      <h1 className="govuk-heading-l">Users in {actor.authorityName}</h1>
      <Link className="govuk-button" href="/admin/users/new">
        Add a user
      </Link>
      <Table
        caption={`${users.length} users`}
        rowKey={(u) => u.id}
        rows={users}
        columns={[
          {
            header: "Name",
            cell: (u) => (
              <Link className="govuk-link" href={`/admin/users/${u.id}`}>
                {u.name}
              </Link>
            ),
          },
          { header: "Email", cell: (u) => u.email },
          { header: "Role", cell: (u) => ROLE_LABELS[u.role] },
          { header: "School", cell: (u) => u.school?.name ?? "" },
          {
            header: "Status",
            cell: (u) =>
              u.disabled ? (
                <Tag colour="grey">Disabled</Tag>
              ) : u.mustChangePassword ? (
                <Tag colour="yellow">Password not set</Tag>
              ) : (
                <Tag colour="green">Active</Tag>
              ),
          },
        ]}
      />
    </>
  );
}
