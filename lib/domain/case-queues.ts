// The officers' work queues (issue 4, "Work queues"): which queue a case or flag belongs in on a given day, the
// date each queue sorts by, and the sort itself. Pure: `today` is the service clock's date, passed in.
//
// The queues, on `today` (ISO dates compare as strings):
// - my-cases: every case that is not closed. "Mine" is the officer filter, which defaults to the signed-in
//   officer (lib/server/queues); managers see everyone's. Sorted by the opening date.
// - due-this-week: a window that is running (status window_active) with a milestone (action plan, review or the
//   decision at the window's end, as planWindow dated them) due in the Monday–Sunday week that contains today,
//   and not yet met (see "met" below; the decision is met only by the decision itself, which moves the case out
//   of window_active). Sorted by the earliest such due date.
// - ending-soon: a running window (window_active, so not yet decided) whose last day is between today and
//   today + 14 calendar days, both inclusive: on 20 November a window ending on 4 December is in, one ending on
//   5 December is not. Sorted by the window's end.
// - overdue: either
//   (a) a running window with an action plan or review milestone whose due date has passed (due < today) and
//       that is not met; or
//   (b) a window that has ended (its last day < today) with no decision yet: status decision_due, or still
//       window_active because the daily job that raises windowEnded has not run yet.
//   Sorted by the earliest date that was missed (the oldest first).
// - flags: school flags still awaiting triage (status new). Sorted by when the school raised them.
//
// When a milestone is "met": the officer has recorded a review or a meeting on the case's timeline in the
// milestone's period, late entries included. Milestones are taken in date order; the first one's period starts the
// day after the window starts (the meeting or letter that started the window does not count as the action-plan
// review) and each later one's the day after the previous milestone's due date. So a review recorded after the
// review milestone's date meets it (late, but done), and one meeting cannot meet two milestones unless it comes
// after both of their periods have started.
import { addDays, mondayOf } from "./dates";
import type { CaseState } from "./case-state";
import type { WindowMilestoneKey } from "./fast-track-window";

export const QUEUE_KEYS = ["my-cases", "due-this-week", "ending-soon", "overdue", "flags"] as const;
export type QueueKey = (typeof QUEUE_KEYS)[number];

export const QUEUE_LABELS: Record<QueueKey, string> = {
  "my-cases": "My cases",
  "due-this-week": "Due this week",
  "ending-soon": "Windows ending in the next 14 days",
  overdue: "Overdue",
  flags: "Flags awaiting triage",
};

/** Calendar days ahead that "windows ending soon" looks, today included at the start and day 14 at the end. */
export const ENDING_SOON_DAYS = 14;

/** The timeline entries that count as work towards a milestone. */
export const MILESTONE_WORK_KINDS = ["review", "meeting"] as const;

export type QueueMilestone = { key: WindowMilestoneKey; label: string; due: string };

/** What the queues need to know about a case. */
export type QueueCase = {
  status: CaseState;
  openedOn: string;
  windowStart: string | null;
  windowEnd: string | null;
  /** The window's milestones as planWindow dated them (the window_started entry keeps the plan); [] without one. */
  milestones: readonly QueueMilestone[];
  /** The dates of the review and meeting entries on the case's timeline. */
  workDates: readonly string[];
};

export type QueueItem = { label: string; due: string };

/** The Monday and Sunday of the week containing `today`. */
export function weekContaining(today: string): { start: string; end: string } {
  const start = mondayOf(today);
  return { start, end: addDays(start, 6) };
}

/** The milestones in date order, each with the first day of its period (see the header). */
function periods(c: QueueCase): { milestone: QueueMilestone; from: string }[] {
  if (!c.windowStart) return [];
  const sorted = [...c.milestones].sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  return sorted.map((milestone, i) => ({
    milestone,
    from: addDays(i === 0 ? c.windowStart! : sorted[i - 1]!.due, 1),
  }));
}

/** Whether a review or meeting was recorded in the milestone's period (never true for the decision). */
export function milestoneMet(c: QueueCase, milestone: QueueMilestone): boolean {
  if (milestone.key === "decision") return false;
  const period = periods(c).find(
    (p) => p.milestone === milestone || (p.milestone.key === milestone.key && p.milestone.due === milestone.due),
  );
  if (!period) return false;
  return c.workDates.some((d) => d >= period.from);
}

/** Unmet milestones of a running window due in today's Monday–Sunday week, earliest first. */
export function dueThisWeek(c: QueueCase, today: string): QueueItem[] {
  if (c.status !== "window_active") return [];
  const week = weekContaining(today);
  return periods(c)
    .map((p) => p.milestone)
    .filter((m) => m.due >= week.start && m.due <= week.end && !milestoneMet(c, m))
    .map((m) => ({ label: m.label, due: m.due }));
}

/** A running window whose last day is from today to today + 14 days, inclusive. */
export function isEndingSoon(c: QueueCase, today: string): boolean {
  if (c.status !== "window_active" || !c.windowEnd) return false;
  return c.windowEnd >= today && c.windowEnd <= addDays(today, ENDING_SOON_DAYS);
}

/** What is overdue on the case, the oldest first: unmet milestones past their date, and an undecided ended window. */
export function overdueItems(c: QueueCase, today: string): QueueItem[] {
  const items: QueueItem[] = [];
  if (c.status === "window_active") {
    for (const { milestone } of periods(c)) {
      if (milestone.key !== "decision" && milestone.due < today && !milestoneMet(c, milestone)) {
        items.push({ label: milestone.label, due: milestone.due });
      }
    }
  }
  if ((c.status === "window_active" || c.status === "decision_due") && c.windowEnd && c.windowEnd < today) {
    items.push({ label: "Decision (the window has ended)", due: c.windowEnd });
  }
  return items.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
}

export type CaseQueuePlacement = {
  queue: Exclude<QueueKey, "flags">;
  /** The date the queue sorts by. */
  date: string;
  /** What is due or overdue (empty for my-cases and ending-soon). */
  items: QueueItem[];
};

/** Every queue (but flags) the case belongs in on `today`, with the date each sorts it by. */
export function caseQueues(c: QueueCase, today: string): CaseQueuePlacement[] {
  if (c.status === "closed") return [];
  const placements: CaseQueuePlacement[] = [{ queue: "my-cases", date: c.openedOn, items: [] }];
  const due = dueThisWeek(c, today);
  if (due.length > 0) placements.push({ queue: "due-this-week", date: due[0]!.due, items: due });
  if (isEndingSoon(c, today)) placements.push({ queue: "ending-soon", date: c.windowEnd!, items: [] });
  const overdue = overdueItems(c, today);
  if (overdue.length > 0) placements.push({ queue: "overdue", date: overdue[0]!.due, items: overdue });
  return placements;
}

/** A flag is in the triage queue while it is undecided. */
export function flagAwaitsTriage(flag: { status: string }): boolean {
  return flag.status === "new";
}

// Sorting: every queue offers the same columns, so that a sort link works whichever queue it is on.
export const SORT_COLUMNS = ["date", "pupil", "school", "officer", "status"] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

/** What each queue's date column means, as its header says. */
export const QUEUE_DATE_LABELS: Record<QueueKey, string> = {
  "my-cases": "Opened",
  "due-this-week": "Due",
  "ending-soon": "Window ends",
  overdue: "Overdue since",
  flags: "Flagged",
};

export type SortableRow = {
  id: string;
  date: string;
  /** "Surname, First name", so that pupils sort by surname. */
  pupil: string;
  school: string;
  officer: string;
  status: string;
};

const collator = new Intl.Collator("en-GB", { sensitivity: "base", numeric: true });

/**
 * Sorts a copy of the rows by the column, then by date and id so that the order is total and stable across pages
 * (the tie-breakers always run ascending).
 */
export function sortQueueRows<T extends SortableRow>(
  rows: readonly T[],
  column: SortColumn,
  direction: SortDirection,
): T[] {
  const sign = direction === "asc" ? 1 : -1;
  const byText = (a: string, b: string) => collator.compare(a, b);
  const byDate = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => {
    const primary = column === "date" ? byDate(a.date, b.date) : byText(a[column], b[column]);
    return sign * primary || byDate(a.date, b.date) || byDate(a.id, b.id);
  });
}
