import Link from "next/link";
import { Pagination } from "@/components/govuk/pagination";
import { Table } from "@/components/govuk/table";
import { Tag } from "@/components/govuk/tag";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { pupilSearchSchema } from "@/lib/schemas/pupil";
import { requirePermission } from "@/lib/server/auth";
import { findPupils } from "@/lib/server/pupils/find-pupils";

export const metadata = { title: "Find a pupil" };

export default async function PupilsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("pupil.search");
  const parsed = pupilSearchSchema.safeParse(await searchParams);
  const input = parsed.success ? parsed.data : { q: "", page: 1 };
  const result = await findPupils(actor, input);
  const hrefFor = (page: number) => `/pupils?${new URLSearchParams({ q: input.q, page: String(page) })}`;
  return (
    <>
      <h1 className="govuk-heading-l">{actor.role === "school" ? `Pupils at ${actor.schoolName}` : "Find a pupil"}</h1>
      <form method="get" action="/pupils" role="search">
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="q">
            Name or UPN
          </label>
          <div className="govuk-hint" id="q-hint">
            For example, Olivia Robson or R201100018042
          </div>
          <input
            className="govuk-input govuk-!-width-one-half"
            id="q"
            name="q"
            type="search"
            defaultValue={input.q}
            aria-describedby="q-hint"
          />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Search
        </button>
      </form>
      <p className="govuk-body" role="status">
        {result.total === 0 ? "No pupils found." : `${result.total} pupil${result.total === 1 ? "" : "s"} found.`}
      </p>
      {result.total > 0 && (
        <Table
          caption="Pupils"
          captionHidden
          rowKey={(p) => p.id}
          rows={result.pupils}
          columns={[
            {
              header: "Name",
              cell: (p) => (
                <Link className="govuk-link" href={`/pupils/${p.id}`}>
                  {p.lastName}, {p.firstName}
                </Link>
              ),
            },
            {
              header: "UPN",
              cell: (p) => (
                <>
                  {p.upn} {p.upnTemporary && <Tag colour="yellow">Temporary</Tag>}
                </>
              ),
            },
            { header: "Date of birth", cell: (p) => formatUkDate(toIsoDate(p.dateOfBirth)) },
            { header: "School", cell: (p) => p.enrolments.map((e) => e.school.name).join(", ") || "Not on roll" },
            { header: "Year", cell: (p) => p.enrolments.map((e) => e.yearGroup).join(", ") },
          ]}
        />
      )}
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
    </>
  );
}
