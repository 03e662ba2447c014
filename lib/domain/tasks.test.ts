import { describe, expect, it } from "vitest";
import {
  bookedKindMismatch,
  canChangeTask,
  canCompleteTask,
  canScheduleTask,
  compareTasks,
  formatTaskTime,
  isRecordedInFull,
  markDoneHref,
  milestoneBecomesTask,
  milestoneTaskKey,
  metMilestoneTaskKeys,
  parseTaskTime,
  TASK_EVENT_KIND,
  taskIsOpen,
  taskTiming,
} from "./tasks";

describe("parseTaskTime", () => {
  it.each([
    ["9:30", "09:30"],
    ["09.30", "09:30"],
    ["0930", "09:30"],
    ["14:05", "14:05"],
    ["2pm", "14:00"],
    ["2:30 pm", "14:30"],
    ["12pm", "12:00"],
    ["12am", "00:00"],
    ["12 noon", "12:00"],
    ["14", "14:00"],
    [" 9:30AM ", "09:30"],
  ])("reads %s as %s", (typed, stored) => {
    expect(parseTaskTime(typed)).toBe(stored);
  });

  it.each(["9", "25:00", "9:60", "13pm", "0pm", "half nine", "", "9:3"])("refuses %s", (typed) => {
    expect(parseTaskTime(typed)).toBeNull();
  });
});

describe("formatTaskTime", () => {
  it("writes times as GOV.UK does", () => {
    expect(formatTaskTime("09:30")).toBe("9:30am");
    expect(formatTaskTime("14:00")).toBe("2pm");
    expect(formatTaskTime("12:00")).toBe("12 noon");
    expect(formatTaskTime("00:00")).toBe("midnight");
    expect(formatTaskTime("00:15")).toBe("12:15am");
  });
});

describe("canScheduleTask", () => {
  const base = { today: "2026-11-20", caseOpenedOn: "2026-10-01" };
  it("books today or a later day", () => {
    expect(canScheduleTask({ ...base, dueOn: "2026-11-20" })).toEqual({ ok: true });
    expect(canScheduleTask({ ...base, dueOn: "2027-01-04" })).toEqual({ ok: true });
  });

  it("refuses a past day, pointing to the timeline", () => {
    const check = canScheduleTask({ ...base, dueOn: "2026-11-19" });
    expect(check).toEqual({
      ok: false,
      message:
        "The date must be today (20 November 2026) or later: to record work that has already happened, add it to the timeline instead",
    });
  });

  it("refuses a day before the case opened (a case opened in the future cannot happen, but the rule is total)", () => {
    expect(canScheduleTask({ dueOn: "2026-11-20", today: "2026-11-20", caseOpenedOn: "2026-11-21" }).ok).toBe(false);
  });

  it("refuses a date that is not real", () => {
    expect(canScheduleTask({ ...base, dueOn: "2026-02-30" }).ok).toBe(false);
  });
});

describe("canCompleteTask", () => {
  const base = { status: "open" as const, today: "2026-11-20", caseOpenedOn: "2026-10-01" };
  it("is done today or on an earlier day since the case opened", () => {
    expect(canCompleteTask({ ...base, doneOn: "2026-11-20" })).toEqual({ ok: true });
    expect(canCompleteTask({ ...base, doneOn: "2026-10-01" })).toEqual({ ok: true });
  });

  it("refuses the future and days before the case opened", () => {
    expect(canCompleteTask({ ...base, doneOn: "2026-11-21" })).toEqual({
      ok: false,
      message: "The date cannot be in the future: enter today (20 November 2026) or earlier",
    });
    expect(canCompleteTask({ ...base, doneOn: "2026-09-30" })).toEqual({
      ok: false,
      message: "The date cannot be before the case opened on 1 October 2026",
    });
  });

  it("refuses a task that is no longer open", () => {
    expect(canCompleteTask({ ...base, status: "done", doneOn: "2026-11-20" })).toEqual({
      ok: false,
      message: "This task has already been marked as done",
    });
    expect(taskIsOpen("cancelled").ok).toBe(false);
    expect(taskIsOpen("open").ok).toBe(true);
  });
});

describe("canChangeTask", () => {
  const task = { assignedTo: "u-assignee", caseOfficerId: "u-case" };
  it("lets a manager, the assignee and the case's officer change it", () => {
    expect(canChangeTask({ id: "u-manager", role: "manager" }, task).ok).toBe(true);
    expect(canChangeTask({ id: "u-assignee", role: "officer" }, task).ok).toBe(true);
    expect(canChangeTask({ id: "u-case", role: "officer" }, task).ok).toBe(true);
  });

  it("refuses another officer, school staff and administrators", () => {
    expect(canChangeTask({ id: "u-other", role: "officer" }, task).ok).toBe(false);
    expect(canChangeTask({ id: "u-assignee", role: "school" }, task).ok).toBe(false);
    expect(canChangeTask({ id: "u-case", role: "admin" }, task).ok).toBe(false);
  });
});

describe("ordering and timing", () => {
  it("sorts by day, then time, untimed first within a day", () => {
    const tasks = [
      { id: "c", dueOn: "2026-11-21", dueTime: null },
      { id: "b", dueOn: "2026-11-20", dueTime: "14:00" },
      { id: "a", dueOn: "2026-11-20", dueTime: "09:30" },
      { id: "d", dueOn: "2026-11-20", dueTime: null },
    ];
    expect([...tasks].sort(compareTasks).map((t) => t.id)).toEqual(["d", "a", "b", "c"]);
  });

  it("says whether a task is overdue, due today or coming up", () => {
    expect(taskTiming("2026-11-19", "2026-11-20")).toBe("overdue");
    expect(taskTiming("2026-11-20", "2026-11-20")).toBe("today");
    expect(taskTiming("2026-11-21", "2026-11-20")).toBe("upcoming");
  });
});

describe("service tasks", () => {
  it("makes a task of every milestone but the decision", () => {
    expect(milestoneBecomesTask("action_plan")).toBe(true);
    expect(milestoneBecomesTask("review")).toBe(true);
    expect(milestoneBecomesTask("decision")).toBe(false);
    expect(milestoneTaskKey({ key: "review", due: "2026-12-13" })).toBe("milestone:review:2026-12-13");
  });

  it("records a milestone as a review, which is what meets it in the queues", () => {
    expect(TASK_EVENT_KIND.milestone).toBe("review");
    expect(TASK_EVENT_KIND.home_visit).toBe("home_visit");
    expect(TASK_EVENT_KIND.reminder).toBe("note");
  });
});

describe("metMilestoneTaskKeys", () => {
  const kase = {
    status: "window_active" as const,
    openedOn: "2026-09-01",
    windowStart: "2026-09-07",
    windowEnd: "2026-12-04",
    milestones: [
      { key: "action_plan" as const, label: "Action plan targets due", due: "2026-10-04" },
      { key: "review" as const, label: "Review", due: "2026-10-18" },
      { key: "decision" as const, label: "Decision", due: "2026-12-04" },
    ],
  };

  it("names the milestones that the recorded reviews and meetings meet, never the decision", () => {
    expect(metMilestoneTaskKeys({ ...kase, workDates: [] })).toEqual([]);
    expect(metMilestoneTaskKeys({ ...kase, workDates: ["2026-09-20"] })).toEqual(["milestone:action_plan:2026-10-04"]);
    expect(metMilestoneTaskKeys({ ...kase, workDates: ["2026-10-10"] })).toEqual([
      "milestone:action_plan:2026-10-04",
      "milestone:review:2026-10-18",
    ]);
  });

  it("does not count the meeting that started the window", () => {
    expect(metMilestoneTaskKeys({ ...kase, workDates: ["2026-09-07"] })).toEqual([]);
  });
});

describe("marking a booked visit, meeting or call done", () => {
  it("takes a visit, meeting or call to the timeline form prefilled; other tasks to their own form", () => {
    const caseId = "c";
    expect(markDoneHref({ id: "t", kind: "home_visit", caseId })).toBe("/cases/c/events/new?task=t");
    expect(markDoneHref({ id: "t", kind: "meeting", caseId })).toBe("/cases/c/events/new?task=t");
    expect(markDoneHref({ id: "t", kind: "phone_call", caseId })).toBe("/cases/c/events/new?task=t");
    for (const kind of ["reminder", "milestone", "follow_up"] as const) {
      expect(isRecordedInFull(kind)).toBe(false);
      expect(markDoneHref({ id: "t", kind, caseId })).toBe("/tasks/t/done");
    }
  });
  it("refuses recording a booking as another kind of work", () => {
    expect(bookedKindMismatch("home_visit", "home_visit")).toBeNull();
    expect(bookedKindMismatch("phone_call", "phone_call")).toBeNull();
    expect(bookedKindMismatch("home_visit", "phone_call")).toBe(
      "This was booked as a home visit: record it as one, or record the other work separately",
    );
  });
});
