import Link from "next/link";
import { formatUkDateOf } from "@/components/cases/format";
import { Button, Select } from "@/components/govuk/fields";
import { Table } from "@/components/govuk/table";
import { requirePermission } from "@/lib/server/auth";
import { findFlags } from "@/lib/server/flags/find-flags";
import { findSchools } from "@/lib/server/schools/find-schools";

export const metadata = { title: "Flags to triage" };

const UUID = /^[0-9a-f-]{36}$/i;

/** Officers and managers: schools' flags awaiting a decision, oldest first; `?school=<id>` filters by school. */
export default async function FlagsPage({ searchParams }: { searchParams: Promise<{ school?: string | string[] }> }) {
  const actor = await requirePermission("case.triage");
  const school = (await searchParams).school;
  const schoolId = typeof school === "string" && UUID.test(school) ? school : undefined;
  const [flags, schools] = await Promise.all([findFlags(actor, { schoolId }), findSchools(actor)]);
  const schoolName = (id: string) => schools.find((s) => s.id === id)?.name ?? "";
  const chosen = schools.find((s) => s.id === schoolId);
  return (
    <>
      <h1 className="govuk-heading-l">Flags to triage</h1>
      <p className="govuk-body">
        Schools&apos; flags waiting for a decision, oldest first. Accept a flag to open a case, decline it with a reason
        the school will see, or add it to the pupil&apos;s open case.
      </p>
      <form method="get" action="/flags" className="govuk-!-margin-bottom-6">
        <Select
          id="school"
          name="school"
          label="School"
          labelClass="govuk-label--s"
          defaultValue={chosen?.id ?? ""}
          options={[{ value: "", text: "All schools" }, ...schools.map((s) => ({ value: s.id, text: s.name }))]}
        />
        <Button secondary>Apply filter</Button>
      </form>
      {flags.length === 0 ? (
        <p className="govuk-body">
          {chosen ? `No flags from ${chosen.name} are waiting for a decision.` : "No flags are waiting for a decision."}
        </p>
      ) : (
        <Table
          caption={`${flags.length} ${flags.length === 1 ? "flag" : "flags"} waiting${chosen ? ` from ${chosen.name}` : ""}`}
          rowKey={(f) => f.id}
          rows={flags}
          columns={[
            {
              header: "Pupil",
              cell: (f) => (
                <Link className="govuk-link" href={`/flags/${f.id}`}>
                  {f.pupil.firstName} {f.pupil.lastName}
                  <span className="govuk-visually-hidden"> (view flag)</span>
                </Link>
              ),
            },
            { header: "School", cell: (f) => ("schoolId" in f ? schoolName(f.schoolId) : "") },
            { header: "Flagged on", cell: (f) => formatUkDateOf(f.flaggedAt) },
            { header: "Reason", cell: (f) => (f.reason.length > 120 ? `${f.reason.slice(0, 117)}…` : f.reason) },
          ]}
        />
      )}
    </>
  );
}
