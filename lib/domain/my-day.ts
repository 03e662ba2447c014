// My day (issue 15): what an officer has overdue, due today and coming up, in date and time order. The server
// gathers the items (lib/server/tasks/find-my-day.ts); this module is the shape they take and how they fall into
// the three sections.
import { compareTasks, taskTiming, type TaskKind, type TaskSource, type TaskTiming } from "./tasks";

export type MyDayView = "mine" | "team";

/** One line of My day: a task, or something the cases need that is not a task (a window ending, an ended window
 * with no decision, a referral sent back to casework). */
export type MyDayItem = {
  key: string;
  kind: "task" | "window_ending" | "decision_due" | "referral_returned";
  /** The day it is due, happens or happened. */
  date: string;
  time: string | null;
  label: string;
  detail: string;
  caseId: string;
  pupil: string;
  upn: string;
  officer: string;
  task: { id: string; version: number; kind: TaskKind; source: TaskSource; mayChange: boolean } | null;
};

export type MyDay = {
  today: string;
  horizon: string;
  view: MyDayView;
  sections: Record<TaskTiming, MyDayItem[]>;
  counts: Record<TaskTiming, number>;
  /** Flags awaiting triage in the authority: not assigned to anyone until accepted, so a team figure. */
  flagsAwaitingTriage: number;
};

/**
 * Puts each item in its section by its date against today, each section in date and time order (an item without a
 * time first in its day). A referral sent back waits until someone acts, so it is never "coming up": it is today's
 * on the day it came back and overdue after.
 */
export function sectionMyDay(items: readonly MyDayItem[], today: string): Pick<MyDay, "sections" | "counts"> {
  const sections: Record<TaskTiming, MyDayItem[]> = { overdue: [], today: [], upcoming: [] };
  for (const item of items) {
    const timing =
      item.kind === "referral_returned" ? (item.date < today ? "overdue" : "today") : taskTiming(item.date, today);
    sections[timing].push(item);
  }
  for (const list of Object.values(sections)) {
    list.sort((a, b) =>
      compareTasks({ dueOn: a.date, dueTime: a.time, id: a.key }, { dueOn: b.date, dueTime: b.time, id: b.key }),
    );
  }
  return {
    sections,
    counts: { overdue: sections.overdue.length, today: sections.today.length, upcoming: sections.upcoming.length },
  };
}
