import Link from "next/link";
import { DateInput } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select } from "@/components/govuk/fields";
import { TableScroll } from "@/components/govuk/table-scroll";
import { Tag } from "@/components/govuk/tag";
import { QueueTabs } from "@/components/queues/queue-tabs";
import { formatUkDateWithDay } from "@/components/tasks/format";
import { formatUkDate } from "@/lib/domain/dates";
import { formatTimeOfDay } from "@/lib/domain/time-of-day";
import { HEARING_TYPE_LABELS, HEARING_TYPES } from "@/lib/schemas/referrals";
import { requirePermission } from "@/lib/server/auth";
import { findCourts } from "@/lib/server/court/find-courts";
import { findHearings } from "@/lib/server/court/find-hearings";
import { hearingQuery, parseHearingFilters, type HearingList } from "@/lib/server/court/hearing-filters";

export const metadata = { title: "Hearings" };

const LIST_LABELS: Record<HearingList, string> = {
  upcoming: "Upcoming hearings",
  awaiting: "Awaiting an outcome",
};

const LIST_HINTS: Record<HearingList, string> = {
  upcoming: "Hearings from today on whose outcome is not yet recorded, soonest first.",
  awaiting:
    "Each referral's latest hearing once it has passed with no outcome recorded, oldest first: record the outcome, " +
    "or list the next hearing after an adjournment.",
};

/** The court lists: upcoming hearings and hearings awaiting an outcome, filtered by court, type and dates. */
export default async function HearingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("referral.read");
  const { filters, problems, typed } = parseHearingFilters(await searchParams);
  const [result, courts] = await Promise.all([findHearings(actor, filters, problems), findCourts(actor)]);
  const dateError = (field: "from" | "to") => result.problems.find((p) => p.field === field)?.message;
  const href = (list: HearingList) => {
    const q = hearingQuery(filters, { list });
    return q ? `/hearings?${q}` : "/hearings";
  };
  return (
    <>
      <span className="govuk-caption-l">{actor.authorityName}</span>
      <h1 className="govuk-heading-l">Hearings</h1>
      <ErrorSummary
        errors={result.problems.map((p) => ({ field: p.field === "list" ? undefined : p.field, message: p.message }))}
      />
      <QueueTabs
        label="Hearing lists"
        current={filters.list}
        tabs={(["upcoming", "awaiting"] as const).map((l) => ({
          key: l,
          label: LIST_LABELS[l],
          count: result.counts[l],
          href: href(l),
        }))}
      />
      <h2 className="govuk-heading-m">{LIST_LABELS[filters.list]}</h2>
      <p className="govuk-body">
        {LIST_HINTS[filters.list]} Today is {formatUkDate(result.today)}.
      </p>
      <form method="get" action="/hearings" className="govuk-!-margin-bottom-4">
        {filters.list !== "upcoming" && <input type="hidden" name="list" value={filters.list} />}
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              id="court"
              name="court"
              label="Court"
              defaultValue={filters.court}
              options={[{ value: "", text: "All courts" }, ...courts.map((c) => ({ value: c.id, text: c.name }))]}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              id="type"
              name="type"
              label="Type of hearing"
              defaultValue={filters.type}
              options={[
                { value: "", text: "All types" },
                ...HEARING_TYPES.map((t) => ({ value: t, text: HEARING_TYPE_LABELS[t] })),
              ]}
            />
          </div>
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <DateInput
              id="from"
              legend="From"
              hint="For example, 1 12 2026"
              defaultValue={typed.from ? undefined : filters.from}
              defaultParts={typed.from}
              error={dateError("from")}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <DateInput
              id="to"
              legend="To"
              hint="For example, 31 12 2026"
              defaultValue={typed.to ? undefined : filters.to}
              defaultParts={typed.to}
              error={dateError("to")}
            />
          </div>
        </div>
        <Button secondary>Apply filters</Button>
      </form>
      <p className="govuk-body" role="status">
        {result.rows.length === 0
          ? "No hearings in this list."
          : `${result.rows.length} ${result.rows.length === 1 ? "hearing" : "hearings"} in this list.`}
      </p>
      {result.rows.length > 0 && (
        <TableScroll label={LIST_LABELS[filters.list]}>
          <table className="govuk-table govuk-!-font-size-16">
            <caption className="govuk-table__caption govuk-visually-hidden">{LIST_LABELS[filters.list]}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  When
                </th>
                <th scope="col" className="govuk-table__header">
                  Court
                </th>
                <th scope="col" className="govuk-table__header">
                  Type
                </th>
                <th scope="col" className="govuk-table__header">
                  Pupil
                </th>
                <th scope="col" className="govuk-table__header">
                  Parent or carer
                </th>
                {filters.list === "awaiting" && (
                  <th scope="col" className="govuk-table__header">
                    Next step
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {result.rows.map((h) => (
                <tr className="govuk-table__row" key={h.id}>
                  <td className="govuk-table__cell">
                    {formatUkDateWithDay(h.date)}
                    {h.time ? `, ${formatTimeOfDay(h.time)}` : ""}
                  </td>
                  <td className="govuk-table__cell">{h.courtName}</td>
                  <td className="govuk-table__cell">
                    {HEARING_TYPE_LABELS[h.type]}
                    {h.adjourned && (
                      <>
                        {" "}
                        <Tag colour="orange">Adjourned</Tag>
                      </>
                    )}
                  </td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" href={`/referrals/${h.referralId}`}>
                      {h.pupilName}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{h.parentName}</td>
                  {filters.list === "awaiting" && (
                    <td className="govuk-table__cell">
                      <Link
                        className="govuk-link"
                        href={`/referrals/${h.referralId}#${h.adjourned ? "hearings" : "outcome"}`}
                      >
                        {h.adjourned ? "List the next hearing" : "Record the outcome"}
                        <span className="govuk-visually-hidden"> for {h.parentName}</span>
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
