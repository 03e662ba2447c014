// Tasks and appointments on a case (issue 15, "What to do today"): a home visit, meeting or phone call booked for a
// date (and usually a time), a reminder, a milestone of the Fast Track window, or a follow-up the daily job asks
// for. Each task belongs to one case and is assigned to one officer or manager; it is open until it is done (which
// records the work on the case's timeline) or cancelled (with a reason).
//
// The rules, held three times (this module; lib/schemas/tasks.ts for the form and the server; the CHECKs and the
// trigger in prisma/migrations/20261206150000_case_tasks):
// - an officer books work for today or a later date, never for a past one ("schedule", not "record": past work is
//   recorded on the timeline straight away), and never before the case opened;
// - a time, when given, is a real time of day (00:00 to 23:59), in whole minutes;
// - a task is done on a real day no later than today and not before the case opened;
// - done and cancelled are final: a done task has its day and who did it, a cancelled one its reason.
import { milestoneMet, type QueueCase } from "./case-queues";
import { addDays, formatUkDate, isIsoDate } from "./dates";
import type { RuleCheck } from "./problems";

/** Every kind of task. The first four are booked by people; the others are made by the service. */
export const TASK_KINDS = ["home_visit", "meeting", "phone_call", "reminder", "milestone", "follow_up"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** What an officer can book from a case or from My day. */
export const SCHEDULABLE_TASK_KINDS = ["home_visit", "meeting", "phone_call", "reminder"] as const;
export type SchedulableTaskKind = (typeof SCHEDULABLE_TASK_KINDS)[number];

export const TASK_KIND_LABELS: Record<TaskKind, string> = {
  home_visit: "Home visit",
  meeting: "Meeting",
  phone_call: "Phone call",
  reminder: "Reminder",
  milestone: "Window milestone",
  follow_up: "Follow-up",
};

export const TASK_STATUSES = ["open", "done", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Who made the task: an officer or manager, a window's milestone plan, or the daily job. */
export const TASK_SOURCES = ["officer", "milestone", "daily_job"] as const;
export type TaskSource = (typeof TASK_SOURCES)[number];

/**
 * The timeline entry that marking a task done records. A visit, meeting or call is recorded as itself; a milestone
 * as a review (which is what meets a milestone in the work queues); a reminder or follow-up as a note.
 */
export const TASK_EVENT_KIND = {
  home_visit: "home_visit",
  meeting: "meeting",
  phone_call: "phone_call",
  reminder: "note",
  milestone: "review",
  follow_up: "note",
} as const satisfies Record<TaskKind, string>;

export const TASK_TITLE_MAX = 200;

/** A time of day as stored ("HH:MM", 24-hour clock), or null when the task has no time. */
export type TaskTime = string | null;

/** Tasks read and show their times as every time of day in the service does (time-of-day.ts). */
export {
  formatTimeOfDay as formatTaskTime,
  isTimeOfDay as isTaskTime,
  parseTimeOfDay as parseTaskTime,
} from "./time-of-day";

/** Why a task cannot be booked for `dueOn`, or ok: today or later, and not before the case opened. */
export function canScheduleTask(input: { dueOn: string; today: string; caseOpenedOn: string }): RuleCheck {
  if (!isIsoDate(input.dueOn)) return { ok: false, message: "Enter a real date" };
  if (input.dueOn < input.today) {
    return {
      ok: false,
      message:
        `The date must be today (${formatUkDate(input.today)}) or later: to record work that has already ` +
        `happened, add it to the timeline instead`,
    };
  }
  if (input.dueOn < input.caseOpenedOn) {
    return { ok: false, message: `The date cannot be before the case opened on ${formatUkDate(input.caseOpenedOn)}` };
  }
  return { ok: true };
}

/** Why a task cannot be marked done on `doneOn`, or ok: not in the future, and not before the case opened. */
export function canCompleteTask(input: {
  status: TaskStatus;
  doneOn: string;
  today: string;
  caseOpenedOn: string;
}): RuleCheck {
  if (input.status !== "open") return { ok: false, message: TASK_NOT_OPEN[input.status] };
  if (!isIsoDate(input.doneOn)) return { ok: false, message: "Enter a real date" };
  if (input.doneOn > input.today) {
    return {
      ok: false,
      message: `The date cannot be in the future: enter today (${formatUkDate(input.today)}) or earlier`,
    };
  }
  if (input.doneOn < input.caseOpenedOn) {
    return { ok: false, message: `The date cannot be before the case opened on ${formatUkDate(input.caseOpenedOn)}` };
  }
  return { ok: true };
}

export const TASK_NOT_OPEN: Record<Exclude<TaskStatus, "open">, string> = {
  done: "This task has already been marked as done",
  cancelled: "This task was cancelled, so it cannot be changed",
};

/** Whether a task may be changed (reassigned, moved, done, cancelled) at all: only while it is open. */
export function taskIsOpen(status: TaskStatus): RuleCheck {
  return status === "open" ? { ok: true } : { ok: false, message: TASK_NOT_OPEN[status] };
}

/**
 * Who may change a task: a manager, the officer the task is assigned to, or the officer of its case. Others may
 * see it (officers and managers see the authority's cases) but not change it.
 */
export const NOT_YOUR_TASK =
  "Only the officer the task is assigned to, the case's officer or a manager can change this task";

export function canChangeTask(
  actor: { id: string; role: string },
  task: { assignedTo: string; caseOfficerId: string },
): RuleCheck {
  if (actor.role === "manager") return { ok: true };
  if (actor.role === "officer" && (task.assignedTo === actor.id || task.caseOfficerId === actor.id))
    return { ok: true };
  return { ok: false, message: NOT_YOUR_TASK };
}

/** When a task falls relative to today, for My day's sections. */
export type TaskTiming = "overdue" | "today" | "upcoming";

export function taskTiming(dueOn: string, today: string): TaskTiming {
  return dueOn < today ? "overdue" : dueOn === today ? "today" : "upcoming";
}

/** Sorts tasks by day, then time (a task without a time comes first in its day: "any time today"), then id. */
export function compareTasks(
  a: { dueOn: string; dueTime: TaskTime; id: string },
  b: { dueOn: string; dueTime: TaskTime; id: string },
): number {
  if (a.dueOn !== b.dueOn) return a.dueOn < b.dueOn ? -1 : 1;
  const at = a.dueTime ?? "";
  const bt = b.dueTime ?? "";
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The milestone keys that become tasks: every one but the decision, which the daily job makes on its own. */
export function milestoneBecomesTask(key: string): boolean {
  return key !== "decision";
}

/** The key that makes a milestone's task unique on its case (so a window's plan makes each task once). */
export function milestoneTaskKey(milestone: { key: string; due: string }): string {
  return `milestone:${milestone.key}:${milestone.due}`;
}

/** The key that makes a daily-job decision's follow-up task unique (one per decision). */
export function decisionTaskKey(decisionId: string): string {
  return `decision:${decisionId}`;
}

/** How many days ahead My day lists upcoming tasks and milestones (today + 7 days). */
export const MY_DAY_AHEAD_DAYS = 7;

/** The last day My day's "coming up" section reaches. */
export function myDayHorizon(today: string): string {
  return addDays(today, MY_DAY_AHEAD_DAYS);
}

/**
 * The milestone tasks (by milestoneTaskKey) that the case's recorded reviews and meetings meet, as the work queues
 * judge it (milestoneMet): recording a review or meeting marks those tasks done, so My day and the queues agree.
 */
export function metMilestoneTaskKeys(c: QueueCase): string[] {
  return c.milestones.filter((m) => milestoneBecomesTask(m.key) && milestoneMet(c, m)).map(milestoneTaskKey);
}

/** A booked visit, meeting or call is done by recording it in full (ADR 063: time, what came of it, who was seen,
 * child seen, next step), so "Mark as done" opens the timeline form prefilled from the booking; other tasks are
 * marked done on their own form. */
export function isRecordedInFull(kind: TaskKind): boolean {
  return kind === "home_visit" || kind === "meeting" || kind === "phone_call";
}

/** Where "Mark as done" takes the user for a task. */
export function markDoneHref(task: { id: string; kind: TaskKind; caseId: string }): string {
  return isRecordedInFull(task.kind) ? `/cases/${task.caseId}/events/new?task=${task.id}` : `/tasks/${task.id}/done`;
}

/** The refusal when a booked task is recorded as another kind of work than it was booked as. */
export function bookedKindMismatch(kind: TaskKind, recordedAs: string): string | null {
  const expected = TASK_EVENT_KIND[kind];
  if (expected === recordedAs) return null;
  return `This was booked as a ${TASK_KIND_LABELS[kind].toLowerCase()}: record it as one, or record the other work separately`;
}
