import Link from "next/link";
import { Table } from "@/components/govuk/table";
import { requirePermission } from "@/lib/server/auth";
import { findSchools } from "@/lib/server/schools/find-schools";

export const metadata = { title: "Schools" };

const TYPE_LABELS = { maintained: "Maintained", academy: "Academy", other: "Other" } as const;

export default async function SchoolsPage() {
  const actor = await requirePermission("school.manage");
  const schools = await findSchools(actor);
  return (
    <>
      <h1 className="govuk-heading-l">Schools in {actor.authorityName}</h1>
      <Link className="govuk-button" href="/admin/schools/new">
        Add a school
      </Link>
      <Table
        caption={`${schools.length} schools`}
        rowKey={(s) => s.id}
        rows={schools}
        columns={[
          { header: "Name", cell: (s) => s.name },
          { header: "URN", cell: (s) => s.urn },
          { header: "LA/establishment", cell: (s) => s.estabNumber },
          { header: "Phase", cell: (s) => (s.phase === "primary" ? "Primary" : "Secondary") },
          { header: "Type", cell: (s) => TYPE_LABELS[s.type] },
        ]}
      />
    </>
  );
}
