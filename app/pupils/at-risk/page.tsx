import Link from "next/link";
import { count } from "@/components/attendance/format";
import { Button, Select } from "@/components/govuk/fields";
import { Pagination } from "@/components/govuk/pagination";
import { TableScroll } from "@/components/govuk/table-scroll";
import { Tag } from "@/components/govuk/tag";
import { PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/attendance-codes";
import { atRiskFilters, YEAR_GROUPS, yearGroupLabel } from "@/lib/schemas/attendance-filters";
import { requirePermission } from "@/lib/server/auth";
import { findSchoolPupilsAtRisk } from "@/lib/server/attendance/find-pupils-at-risk";
import { findFlagStates } from "@/lib/server/flags/find-flag-context";

export const metadata = { title: "Pupils at risk" };

/**
 * School staff: their own school's pupils at risk (at the penalty notice threshold, or persistently absent), by
 * year group, each with a link to flag them or what is already under way, so they find the pupils to flag without
 * opening every record.
 */
export default async function SchoolAtRiskPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("case.flag");
  const filters = atRiskFilters(await searchParams);
  const queue = await findSchoolPupilsAtRisk(actor, { yearGroup: filters.year || undefined, page: filters.page });
  const states = await findFlagStates(
    actor,
    queue.pupils.map((p) => p.pupilId),
  );
  const { sessions, schoolWeeks } = PENALTY_NOTICE_THRESHOLD;
  const hrefFor = (page: number) => {
    const q = new URLSearchParams();
    if (filters.year) q.set("year", filters.year);
    if (page > 1) q.set("page", String(page));
    return `/pupils/at-risk${q.size ? `?${q}` : ""}`;
  };
  return (
    <>
      <span className="govuk-caption-l">
        {actor.schoolName}, {queue.academicYear}
      </span>
      <h1 className="govuk-heading-l">Pupils at risk</h1>
      <p className="govuk-body">
        Pupils on roll who have reached the penalty notice threshold ({sessions} sessions of unauthorised absence within{" "}
        {schoolWeeks} school weeks) or are persistently absent (missing 10% or more of their possible sessions) this
        academic year. Pupils at the threshold come first.
      </p>
      <form method="get" action="/pupils/at-risk" className="govuk-!-margin-bottom-6">
        <Select
          id="year"
          name="year"
          label="Year group"
          defaultValue={filters.year}
          options={[
            { value: "", text: "All year groups" },
            ...YEAR_GROUPS.map((y) => ({ value: y, text: yearGroupLabel(y) })),
          ]}
        />
        <Button secondary>Apply filter</Button>
      </form>
      <p className="govuk-body" role="status">
        {queue.total === 0 ? "No pupils match." : `${count(queue.total)} pupil${queue.total === 1 ? "" : "s"} at risk.`}
      </p>
      {queue.total > 0 && (
        <TableScroll label="Pupils at risk">
          <table className="govuk-table govuk-!-font-size-16">
            <caption className="govuk-table__caption govuk-visually-hidden">
              Pupils at risk, page {queue.page} of {queue.pageCount}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Pupil
                </th>
                <th scope="col" className="govuk-table__header">
                  Year
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Most G, N, O or U sessions in {schoolWeeks} school weeks
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Overall absence
                </th>
                <th scope="col" className="govuk-table__header">
                  Flag
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {queue.pupils.map((p) => {
                const state = states.get(p.pupilId);
                return (
                  <tr className="govuk-table__row" key={p.pupilId}>
                    <td className="govuk-table__cell">
                      <Link className="govuk-link" href={`/pupils/${p.pupilId}`}>
                        {p.name}
                      </Link>
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">UPN {p.upn}</span>
                    </td>
                    <td className="govuk-table__cell">{p.yearGroup ? yearGroupLabel(p.yearGroup) : ""}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {p.penaltySessions10Weeks ?? "Not known"}
                      {p.thresholdReached && (
                        <>
                          {" "}
                          <Tag colour="red">Threshold</Tag>
                        </>
                      )}
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      {p.overallAbsenceRate === null ? "No sessions" : `${p.overallAbsenceRate.toFixed(1)}%`}
                      {p.persistentAbsence && (
                        <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                          Persistently absent
                        </span>
                      )}
                    </td>
                    <td className="govuk-table__cell">
                      {state === "flag_waiting" ? (
                        <>
                          Flag waiting{" "}
                          <Link className="govuk-link" href={`/school-flags/new?pupil=${p.pupilId}`}>
                            Add to it<span className="govuk-visually-hidden"> for {p.name}</span>
                          </Link>
                        </>
                      ) : state === "case_open" ? (
                        <>
                          Case open{" "}
                          <Link className="govuk-link" href={`/school-flags/new?pupil=${p.pupilId}`}>
                            Tell the officer<span className="govuk-visually-hidden"> about {p.name}</span>
                          </Link>
                        </>
                      ) : (
                        <Link className="govuk-link" href={`/school-flags/new?pupil=${p.pupilId}`}>
                          Flag<span className="govuk-visually-hidden"> {p.name}</span>
                        </Link>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pagination page={queue.page} pageCount={queue.pageCount} hrefFor={hrefFor} />
    </>
  );
}
