// The work queues' URL filters (/cases?queue=&school=&officer=&sort=&dir=&page=), shared by the page, the CSV
// download and the home page's links, so that a download always matches the page it came from. A value that is
// not recognised is dropped (the default is used) and reported, field by field, so the page can say what was
// wrong instead of failing.
import {
  QUEUE_KEYS,
  SORT_COLUMNS,
  SORT_DIRECTIONS,
  type QueueKey,
  type SortColumn,
  type SortDirection,
} from "@/lib/domain/case-queues";

type SearchParams = Record<string, string | string[] | undefined>;

export type QueueFilters = {
  queue: QueueKey;
  /** A school id, or "" for every school. */
  school: string;
  /** An officer's user id, "all" for everyone's, or "" for the queue's default (see resolveOfficer). */
  officer: string;
  sort: SortColumn;
  dir: SortDirection;
  page: number;
};

export type FilterProblem = { field: "queue" | "school" | "officer" | "sort" | "dir" | "page"; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
const MAX_PAGE = 100_000;

/** Reads the filters; every problem is reported with what is allowed, and its default used instead. */
export function parseQueueFilters(params: SearchParams): { filters: QueueFilters; problems: FilterProblem[] } {
  const problems: FilterProblem[] = [];
  const raw = {
    queue: first(params.queue),
    school: first(params.school),
    officer: first(params.officer),
    sort: first(params.sort),
    dir: first(params.dir),
    page: first(params.page),
  };

  let queue: QueueKey = "my-cases";
  if (raw.queue) {
    if ((QUEUE_KEYS as readonly string[]).includes(raw.queue)) queue = raw.queue as QueueKey;
    else
      problems.push({
        field: "queue",
        message: `There is no queue called "${clip(raw.queue)}": choose one of the tabs. Showing my cases.`,
      });
  }
  let school = "";
  if (raw.school) {
    if (UUID.test(raw.school)) school = raw.school.toLowerCase();
    else
      problems.push({
        field: "school",
        message:
          "The school filter is not a school of this authority: choose a school from the list. Showing all schools.",
      });
  }
  let officer = "";
  if (raw.officer) {
    if (raw.officer === "all" || UUID.test(raw.officer)) officer = raw.officer.toLowerCase();
    else
      problems.push({
        field: "officer",
        message: "The officer filter is not an officer of this authority: choose an officer from the list.",
      });
  }
  let sort: SortColumn = "date";
  if (raw.sort) {
    if ((SORT_COLUMNS as readonly string[]).includes(raw.sort)) sort = raw.sort as SortColumn;
    else
      problems.push({
        field: "sort",
        message: `A queue can be sorted by ${SORT_COLUMNS.join(", ")}, not "${clip(raw.sort)}". Sorted by date.`,
      });
  }
  let dir: SortDirection = "asc";
  if (raw.dir) {
    if ((SORT_DIRECTIONS as readonly string[]).includes(raw.dir)) dir = raw.dir as SortDirection;
    else
      problems.push({
        field: "dir",
        message: `The sort direction must be asc or desc, not "${clip(raw.dir)}". Sorted ascending.`,
      });
  }
  let page = 1;
  if (raw.page) {
    const n = Number(raw.page);
    if (/^\d+$/.test(raw.page) && n >= 1 && n <= MAX_PAGE) page = n;
    else
      problems.push({
        field: "page",
        message: `The page must be a whole number from 1, not "${clip(raw.page)}". Showing page 1.`,
      });
  }
  return { filters: { queue, school, officer, sort, dir, page }, problems };
}

/** The query string for filters (defaults left out), with any overrides: used for tabs, sort links and pages. */
export function queueQuery(filters: QueueFilters, overrides: Partial<QueueFilters> = {}): string {
  const f = { ...filters, ...overrides };
  const q = new URLSearchParams();
  if (f.queue !== "my-cases") q.set("queue", f.queue);
  if (f.school) q.set("school", f.school);
  if (f.officer) q.set("officer", f.officer);
  if (f.sort !== "date") q.set("sort", f.sort);
  if (f.dir !== "asc") q.set("dir", f.dir);
  if (f.page > 1) q.set("page", String(f.page));
  return q.toString();
}

/** Converts a URLSearchParams (route handlers) into the plain object the filters read. */
export function paramsOf(search: URLSearchParams): SearchParams {
  return Object.fromEntries(search.entries());
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
