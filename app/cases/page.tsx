import { TableScroll } from "@/components/govuk/table-scroll";
import { Button, Select, TextInput } from "@/components/govuk/fields";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Pagination } from "@/components/govuk/pagination";
import type { TagColour } from "@/components/govuk/tag";
import { onTrackFigures, onTrackTag } from "@/components/cases/on-track";
import { QueueRows } from "@/components/cases/queue-rows";
import { QueueTabs } from "@/components/queues/queue-tabs";
import { SortHeader } from "@/components/queues/sort-header";
import {
  ENDING_SOON_DAYS,
  QUEUE_DATE_LABELS,
  QUEUE_KEYS,
  QUEUE_LABELS,
  type QueueKey,
  type SortColumn,
} from "@/lib/domain/case-queues";
import { formatUkDate } from "@/lib/domain/dates";
import { MAX_BULK_CASES, NONE_SELECTED } from "@/lib/domain/bulk-cases";
import { can } from "@/lib/domain/permissions";
import { requirePermission } from "@/lib/server/auth";
import { findQueue } from "@/lib/server/queues/find-queue";
import { parseQueueFilters, queueQuery } from "@/lib/server/queues/queue-filters";

export const metadata = { title: "Cases" };

const STATUS_COLOURS: Record<string, TagColour> = {
  new: "blue",
  open: "grey",
  window_active: "turquoise",
  decision_due: "orange",
  monitoring: "green",
  referred: "red",
};

const QUEUE_HINTS: Record<QueueKey, string> = {
  "my-cases": "Every case that is not closed.",
  "due-this-week":
    "Running windows with an action plan, review or decision milestone due this week (Monday to Sunday) and not yet met by a review or meeting on the timeline.",
  "ending-soon": `Running windows whose last day is today or within the next ${ENDING_SOON_DAYS} days.`,
  overdue:
    "Running windows with an action plan or review milestone past its date and no review or meeting recorded for it, and windows that have ended with no decision yet.",
  flags: "Pupils flagged by schools, oldest first, waiting for an officer to accept, decline or merge them.",
};

export default async function CasesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("case.read");
  const params = await searchParams;
  const { filters, problems } = parseQueueFilters(params);
  const queue = await findQueue(actor, filters, problems);
  const isOfficer = actor.role === "officer";
  const label = (q: QueueKey) => (q === "my-cases" && !isOfficer ? "Open cases" : QUEUE_LABELS[q]);
  const href = (overrides: Parameters<typeof queueQuery>[1]) => {
    const q = queueQuery(filters, { page: 1, ...overrides });
    return q ? `/cases?${q}` : "/cases";
  };
  const csvQuery = queueQuery(filters, { page: 1 });
  const sortHref = (column: SortColumn) =>
    href({ sort: column, dir: filters.sort === column && filters.dir === "asc" ? "desc" : "asc" });
  const isFlags = filters.queue === "flags";
  // Bulk work (issue 15 §5): tick cases, then reassign them or send them the same letter (/cases/bulk asks how).
  const bulk = !isFlags && can(actor, "case.manage") && queue.rows.length > 0;
  const noneSelected = bulk && params.bulk === "none";
  const officerName = queue.officers.find((o) => o.id === queue.officerApplied)?.name;
  const columns: { key: SortColumn; label: string }[] = [
    { key: "pupil", label: "Pupil" },
    { key: "school", label: "School" },
    ...(isFlags ? [] : [{ key: "officer" as const, label: "Officer" }]),
    { key: "status", label: "Status" },
    { key: "date", label: QUEUE_DATE_LABELS[filters.queue] },
  ];

  return (
    <>
      <span className="govuk-caption-l">{actor.authorityName}</span>
      <h1 className="govuk-heading-l">Cases</h1>
      <ErrorSummary
        errors={[
          ...(noneSelected ? [{ field: `select-${queue.rows[0]!.id}`, message: NONE_SELECTED }] : []),
          ...queue.problems.map((p) => ({
            field: p.field === "school" || p.field === "officer" ? p.field : undefined,
            message: p.message,
          })),
        ]}
      />

      <form method="get" action="/cases/find" className="govuk-!-margin-bottom-4">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <TextInput
              id="q"
              name="q"
              label="Find a case"
              labelClass="govuk-label--s"
              hint="Pupil's name or UPN, including closed cases"
              spellCheck={false}
              autoComplete="off"
            />
          </div>
        </div>
        <Button secondary>Search</Button>
      </form>

      <QueueTabs
        current={filters.queue}
        tabs={QUEUE_KEYS.map((q) => ({
          key: q,
          label: label(q),
          count: queue.counts[q],
          href: href({ queue: q, sort: "date", dir: "asc" }),
        }))}
      />

      <h2 className="govuk-heading-m">{label(filters.queue)}</h2>
      <p className="govuk-body">
        {QUEUE_HINTS[filters.queue]}{" "}
        {!isFlags &&
          (queue.officerApplied === "all"
            ? "All officers' cases."
            : `Cases assigned to ${queue.officerApplied === actor.id ? "you" : (officerName ?? "the officer chosen")}.`)}{" "}
        Today is {formatUkDate(queue.today)}.
      </p>

      <form method="get" action="/cases" className="govuk-!-margin-bottom-4">
        <input type="hidden" name="queue" value={filters.queue} />
        {filters.sort !== "date" && <input type="hidden" name="sort" value={filters.sort} />}
        {filters.dir !== "asc" && <input type="hidden" name="dir" value={filters.dir} />}
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              id="school"
              name="school"
              label="School"
              defaultValue={queue.schools.some((s) => s.id === filters.school) ? filters.school : ""}
              options={[
                { value: "", text: "All schools" },
                ...queue.schools.map((s) => ({ value: s.id, text: s.name })),
              ]}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              id="officer"
              name="officer"
              label="Officer"
              hint={isFlags ? "Flags are not assigned to an officer until they are accepted" : undefined}
              defaultValue={queue.officerApplied}
              options={[
                { value: "all", text: "All officers" },
                ...queue.officers.map((o) => ({ value: o.id, text: o.id === actor.id ? `${o.name} (you)` : o.name })),
              ]}
            />
          </div>
        </div>
        <Button secondary>Apply filters</Button>
      </form>

      <p className="govuk-body" role="status">
        {queue.total === 0
          ? "Nothing in this queue."
          : `${queue.total} ${isFlags ? (queue.total === 1 ? "flag" : "flags") : queue.total === 1 ? "case" : "cases"} in this queue.`}
      </p>
      {queue.total > 0 && (
        <>
          <p className="govuk-body">
            <a className="govuk-link" href={`/cases/export.csv${csvQuery ? `?${csvQuery}` : ""}`} download>
              Download CSV<span className="govuk-visually-hidden"> of every row in this queue with these filters</span>
            </a>
          </p>
          <form method="get" action="/cases/bulk" id="bulk-cases">
            {bulk && <input type="hidden" name="back" value={csvQuery} />}
            <TableScroll label="Cases in this queue">
              <table className="govuk-table govuk-!-font-size-16">
                <caption className="govuk-table__caption govuk-visually-hidden">
                  {label(filters.queue)}, page {queue.page} of {queue.pageCount}
                </caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    {bulk && (
                      <th scope="col" className="govuk-table__header">
                        <span className="govuk-visually-hidden">Select</span>
                      </th>
                    )}
                    {columns.map((c) => (
                      <SortHeader
                        key={c.key}
                        label={c.label}
                        active={filters.sort === c.key}
                        direction={filters.dir}
                        href={sortHref(c.key)}
                      />
                    ))}
                    {!isFlags && (
                      <th scope="col" className="govuk-table__header">
                        On track
                      </th>
                    )}
                    <th scope="col" className="govuk-table__header">
                      {isFlags ? "Reason" : "Details"}
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  <QueueRows
                    bulk={bulk}
                    noneSelected={noneSelected}
                    flags={isFlags}
                    rows={queue.rows.map((r) => ({
                      id: r.id,
                      href: r.href,
                      pupil: r.pupil,
                      upn: r.upn,
                      school: r.school,
                      officer: isFlags ? undefined : r.officer,
                      status: r.status,
                      statusColour: STATUS_COLOURS[r.statusKey] ?? "grey",
                      day: formatUkDate(r.day),
                      onTrack: isFlags
                        ? undefined
                        : r.onTrack && { ...onTrackTag(r.onTrack), figures: onTrackFigures(r.onTrack) },
                      details: isFlags
                        ? [r.items[0]?.label ?? ""]
                        : r.items.length > 0
                          ? r.items.map((i) => `${i.label}: ${formatUkDate(i.due)}`)
                          : [r.windowEnd ? `Window ends ${formatUkDate(r.windowEnd)}` : "No window started"],
                    }))}
                  />
                </tbody>
              </table>
            </TableScroll>
            {bulk && (
              <div className="app-bulk-bar">
                <p className="govuk-body govuk-!-margin-bottom-2">
                  Tick the cases on this page to change together ({MAX_BULK_CASES} at most), then choose what to do.
                </p>
                <div className="govuk-button-group govuk-!-margin-bottom-0">
                  <Button secondary name="action" value="reassign">
                    Reassign selected cases
                  </Button>
                  <Button secondary name="action" value="letters">
                    Send a letter to selected cases
                  </Button>
                </div>
              </div>
            )}
          </form>
        </>
      )}
      <Pagination
        page={queue.page}
        pageCount={queue.pageCount}
        hrefFor={(page) => `/cases?${queueQuery(filters, { page })}`}
      />
    </>
  );
}
