import Link from "next/link";
import { Pagination } from "@/components/govuk/pagination";
import { Table } from "@/components/govuk/table";
import { TableScroll } from "@/components/govuk/table-scroll";
import { Tag } from "@/components/govuk/tag";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { pupilSearchSchema } from "@/lib/schemas/pupil";
import { requirePermission } from "@/lib/server/auth";
import { findPupils } from "@/lib/server/pupils/find-pupils";
import { findSchoolPupils } from "@/lib/server/pupils/find-school-pupils";
import { Select } from "@/components/govuk/fields";
import { SortHeader } from "@/components/queues/sort-header";
import { YEAR_GROUPS, yearGroupLabel } from "@/lib/schemas/attendance-filters";

export const metadata = { title: "Find a pupil" };

export default async function PupilsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("pupil.search");
  const parsed = pupilSearchSchema.safeParse(await searchParams);
  const input = parsed.success
    ? parsed.data
    : { q: "", page: 1, year: "" as const, sort: "name" as const, dir: "asc" as const };
  if (actor.role === "school") return <OurPupils actor={actor} input={input} />;
  const result = await findPupils(actor, input);
  const hrefFor = (page: number) => `/pupils?${new URLSearchParams({ q: input.q, page: String(page) })}`;
  return (
    <>
      <h1 className="govuk-heading-l">Find a pupil</h1>
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

type Input = ReturnType<typeof pupilSearchSchema.parse>;

/**
 * School staff's "Our pupils": their pupils on roll, with attendance at the school this academic year, sortable by
 * name or attendance and filtered by year group; a link to the school's at-risk list.
 */
async function OurPupils({
  actor,
  input,
}: {
  actor: { schoolName: string | null } & Parameters<typeof findSchoolPupils>[0];
  input: Input;
}) {
  const result = await findSchoolPupils(actor, input);
  const query = (over: Partial<Input>) => {
    const f = { ...input, ...over };
    const q = new URLSearchParams();
    if (f.q) q.set("q", f.q);
    if (f.year) q.set("year", f.year);
    if (f.sort !== "name") q.set("sort", f.sort);
    if (f.dir !== "asc") q.set("dir", f.dir);
    if (f.page > 1) q.set("page", String(f.page));
    return `/pupils${q.size ? `?${q}` : ""}`;
  };
  const sortHref = (column: Input["sort"]) =>
    query({ sort: column, dir: input.sort === column && input.dir === "asc" ? "desc" : "asc", page: 1 });
  return (
    <>
      <span className="govuk-caption-l">{result.academicYear}</span>
      <h1 className="govuk-heading-l">Pupils at {actor.schoolName}</h1>
      <p className="govuk-body">
        <Link className="govuk-link" href="/pupils/at-risk">
          Pupils at risk
        </Link>
        : those at the penalty notice threshold or persistently absent, to flag to the attendance service.
      </p>
      <form method="get" action="/pupils" role="search">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="q">
                Name or UPN
              </label>
              <input className="govuk-input" id="q" name="q" type="search" defaultValue={input.q} />
            </div>
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Select
              id="year"
              name="year"
              label="Year group"
              labelClass="govuk-label--s"
              defaultValue={input.year}
              options={[
                { value: "", text: "All year groups" },
                ...YEAR_GROUPS.map((y) => ({ value: y, text: yearGroupLabel(y) })),
              ]}
            />
          </div>
        </div>
        {input.sort !== "name" && <input type="hidden" name="sort" value={input.sort} />}
        {input.dir !== "asc" && <input type="hidden" name="dir" value={input.dir} />}
        <button type="submit" className="govuk-button govuk-button--secondary">
          Search
        </button>
      </form>
      <p className="govuk-body" role="status">
        {result.total === 0 ? "No pupils found." : `${result.total} pupil${result.total === 1 ? "" : "s"} found.`}
      </p>
      {result.total > 0 && (
        <TableScroll label="Pupils">
          <table className="govuk-table govuk-!-font-size-16">
            <caption className="govuk-table__caption govuk-visually-hidden">
              Pupils, page {result.page} of {result.pageCount}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <SortHeader label="Name" active={input.sort === "name"} direction={input.dir} href={sortHref("name")} />
                <th scope="col" className="govuk-table__header">
                  UPN
                </th>
                <th scope="col" className="govuk-table__header">
                  Year
                </th>
                <SortHeader
                  label="Attendance this year"
                  active={input.sort === "attendance"}
                  direction={input.dir}
                  href={sortHref("attendance")}
                />
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {result.pupils.map((p) => (
                <tr className="govuk-table__row" key={p.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" href={`/pupils/${p.id}`}>
                      {p.lastName}, {p.firstName}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">
                    {p.upn} {p.upnTemporary && <Tag colour="yellow">Temporary</Tag>}
                  </td>
                  <td className="govuk-table__cell">{p.yearGroup ? yearGroupLabel(p.yearGroup) : ""}</td>
                  <td className="govuk-table__cell">
                    {p.attendancePct === null ? "No sessions yet" : `${p.attendancePct.toFixed(1)}%`}
                    {p.attendancePct !== null && p.attendancePct < 90 && (
                      <>
                        {" "}
                        <Tag colour="orange">Below 90%</Tag>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(page) => query({ page })} />
    </>
  );
}
