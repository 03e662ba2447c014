import { describe, expect, it } from "vitest";
import {
  caseQueues,
  dueThisWeek,
  flagAwaitsTriage,
  isEndingSoon,
  milestoneMet,
  overdueItems,
  sortQueueRows,
  weekContaining,
  type QueueCase,
} from "./case-queues";

// Friday 20 November 2026, the clock the tests and the e2e run use. Its week is Monday 16 – Sunday 22 November.
const TODAY = "2026-11-20";

const running = (overrides: Partial<QueueCase> = {}): QueueCase => ({
  status: "window_active",
  openedOn: "2026-09-01",
  windowStart: "2026-09-07",
  windowEnd: "2026-12-06",
  milestones: [
    { key: "action_plan", label: "Action plan targets due", due: "2026-10-04" },
    { key: "review", label: "Review", due: "2026-11-22" },
    { key: "decision", label: "Decision", due: "2026-12-06" },
  ],
  workDates: [],
  ...overrides,
});

const queuesOf = (c: QueueCase, today = TODAY) => caseQueues(c, today).map((p) => p.queue);

describe("weekContaining", () => {
  it("is the Monday–Sunday week, whatever the day", () => {
    expect(weekContaining("2026-11-20")).toEqual({ start: "2026-11-16", end: "2026-11-22" });
    expect(weekContaining("2026-11-16")).toEqual({ start: "2026-11-16", end: "2026-11-22" });
    expect(weekContaining("2026-11-22")).toEqual({ start: "2026-11-16", end: "2026-11-22" });
    expect(weekContaining("2027-01-01")).toEqual({ start: "2026-12-28", end: "2027-01-03" });
  });
});

describe("my cases", () => {
  it("holds every state but closed, sorted by the opening date", () => {
    for (const status of ["open", "window_active", "decision_due", "monitoring", "referred"] as const) {
      expect(caseQueues(running({ status }), TODAY)[0]).toEqual({ queue: "my-cases", date: "2026-09-01", items: [] });
    }
    expect(caseQueues(running({ status: "closed" }), TODAY)).toEqual([]);
  });

  it("a case without a window is in no other queue", () => {
    expect(queuesOf(running({ status: "open", windowStart: null, windowEnd: null, milestones: [] }))).toEqual([
      "my-cases",
    ]);
  });
});

describe("milestoneMet", () => {
  const c = running();
  const [actionPlan, review, decision] = c.milestones as [never, never, never];

  it("needs a review or meeting after the window's start, in the milestone's period, late ones included", () => {
    expect(milestoneMet({ ...c, workDates: ["2026-09-07"] }, actionPlan)).toBe(false); // the meeting that started it
    expect(milestoneMet({ ...c, workDates: ["2026-09-08"] }, actionPlan)).toBe(true);
    expect(milestoneMet({ ...c, workDates: ["2026-10-20"] }, actionPlan)).toBe(true); // late, but done
    expect(milestoneMet({ ...c, workDates: ["2026-10-04"] }, review)).toBe(false); // belongs to the action plan
    expect(milestoneMet({ ...c, workDates: ["2026-10-05"] }, review)).toBe(true);
  });

  it("never counts work as the decision", () => {
    expect(milestoneMet({ ...c, workDates: ["2026-12-06"] }, decision)).toBe(false);
  });
});

describe("due this week", () => {
  it("lists unmet milestones of a running window due Monday to Sunday of this week", () => {
    expect(dueThisWeek(running(), TODAY)).toEqual([{ label: "Review", due: "2026-11-22" }]);
    const placement = caseQueues(running(), TODAY).find((p) => p.queue === "due-this-week");
    expect(placement?.date).toBe("2026-11-22");
  });

  it("boundaries: Monday and Sunday are in, the Sunday before and the Monday after are not", () => {
    const at = (due: string) => running({ milestones: [{ key: "review", label: "Review", due }] });
    expect(dueThisWeek(at("2026-11-16"), TODAY)).toHaveLength(1);
    expect(dueThisWeek(at("2026-11-22"), TODAY)).toHaveLength(1);
    expect(dueThisWeek(at("2026-11-15"), TODAY)).toHaveLength(0);
    expect(dueThisWeek(at("2026-11-23"), TODAY)).toHaveLength(0);
  });

  it("drops a milestone once met, and anything on a window that is not running", () => {
    expect(dueThisWeek(running({ workDates: ["2026-11-18"] }), TODAY)).toEqual([]);
    expect(dueThisWeek(running({ status: "decision_due" }), TODAY)).toEqual([]);
    expect(dueThisWeek(running({ status: "monitoring" }), TODAY)).toEqual([]);
  });

  it("includes the decision when the window ends this week", () => {
    const c = running({
      windowEnd: "2026-11-22",
      milestones: [{ key: "decision", label: "Decision", due: "2026-11-22" }],
    });
    expect(dueThisWeek(c, TODAY)).toEqual([{ label: "Decision", due: "2026-11-22" }]);
  });
});

describe("windows ending in the next 14 days", () => {
  const ending = (windowEnd: string, status: QueueCase["status"] = "window_active") => running({ windowEnd, status });

  it("is today to today + 14 days inclusive: day 14 in, day 15 out, yesterday out", () => {
    expect(isEndingSoon(ending("2026-11-20"), TODAY)).toBe(true);
    expect(isEndingSoon(ending("2026-12-04"), TODAY)).toBe(true);
    expect(isEndingSoon(ending("2026-12-05"), TODAY)).toBe(false);
    expect(isEndingSoon(ending("2026-11-19"), TODAY)).toBe(false);
  });

  it("only while the window has not been decided", () => {
    expect(isEndingSoon(ending("2026-11-25", "decision_due"), TODAY)).toBe(false);
    expect(isEndingSoon(ending("2026-11-25", "monitoring"), TODAY)).toBe(false);
    expect(isEndingSoon(ending("2026-11-25", "closed"), TODAY)).toBe(false);
    expect(queuesOf(ending("2026-12-04"))).toContain("ending-soon");
  });
});

describe("overdue", () => {
  it("an unmet action plan or review past its date, oldest first", () => {
    const c = running({
      milestones: [
        { key: "action_plan", label: "Action plan targets due", due: "2026-10-04" },
        { key: "review", label: "Review", due: "2026-10-18" },
        { key: "decision", label: "Decision", due: "2026-12-06" },
      ],
    });
    expect(overdueItems(c, TODAY)).toEqual([
      { label: "Action plan targets due", due: "2026-10-04" },
      { label: "Review", due: "2026-10-18" },
    ]);
    expect(overdueItems({ ...c, workDates: ["2026-10-01"] }, TODAY)).toEqual([{ label: "Review", due: "2026-10-18" }]);
    expect(overdueItems({ ...c, workDates: ["2026-10-01", "2026-11-02"] }, TODAY)).toEqual([]);
  });

  it("a milestone due today is not overdue yet; one due yesterday is", () => {
    const at = (due: string) => running({ milestones: [{ key: "review", label: "Review", due }] });
    expect(overdueItems(at(TODAY), TODAY)).toEqual([]);
    expect(overdueItems(at("2026-11-19"), TODAY)).toEqual([{ label: "Review", due: "2026-11-19" }]);
  });

  it("an ended window with no decision: decision_due, or window_active before the daily job has run", () => {
    const decisionDue = running({
      status: "decision_due",
      windowEnd: "2026-11-15",
      workDates: ["2026-09-10", "2026-10-10"],
    });
    expect(overdueItems(decisionDue, TODAY)).toEqual([{ label: "Decision (the window has ended)", due: "2026-11-15" }]);
    const notYetSwept = running({ windowEnd: "2026-11-19", workDates: ["2026-09-10", "2026-10-10"] });
    expect(overdueItems(notYetSwept, TODAY)).toEqual([{ label: "Decision (the window has ended)", due: "2026-11-19" }]);
    expect(overdueItems(running({ windowEnd: TODAY, workDates: ["2026-09-10", "2026-10-10"] }), TODAY)).toEqual([]);
  });

  it("nothing on decided or closed cases, and the queue sorts by the oldest missed date", () => {
    expect(overdueItems(running({ status: "monitoring", windowEnd: "2026-11-01" }), TODAY)).toEqual([]);
    expect(overdueItems(running({ status: "referred", windowEnd: "2026-11-01" }), TODAY)).toEqual([]);
    expect(caseQueues(running({ status: "closed" }), TODAY)).toEqual([]);
    const placement = caseQueues(running(), TODAY).find((p) => p.queue === "overdue");
    expect(placement?.date).toBe("2026-10-04");
  });
});

describe("flags awaiting triage", () => {
  it("are the new ones only", () => {
    expect(flagAwaitsTriage({ status: "new" })).toBe(true);
    for (const status of ["accepted", "declined", "merged"]) expect(flagAwaitsTriage({ status })).toBe(false);
  });
});

describe("sortQueueRows", () => {
  const rows = [
    { id: "c", date: "2026-11-03", pupil: "Bell, Ava", school: "Skerne Park", officer: "Owen", status: "Open" },
    {
      id: "a",
      date: "2026-11-01",
      pupil: "atkinson, Leo",
      school: "Branksome",
      officer: "Helen",
      status: "Window running",
    },
    { id: "b", date: "2026-11-01", pupil: "Wood, Mia", school: "Branksome", officer: "Owen", status: "Decision due" },
  ];
  it("by date, ties by id", () => {
    expect(sortQueueRows(rows, "date", "asc").map((r) => r.id)).toEqual(["a", "b", "c"]);
    expect(sortQueueRows(rows, "date", "desc").map((r) => r.id)).toEqual(["c", "a", "b"]);
  });
  it("by text columns, ignoring case, ties by date then id", () => {
    expect(sortQueueRows(rows, "pupil", "asc").map((r) => r.id)).toEqual(["a", "c", "b"]);
    expect(sortQueueRows(rows, "school", "desc").map((r) => r.id)).toEqual(["c", "a", "b"]);
    expect(sortQueueRows(rows, "officer", "asc").map((r) => r.id)).toEqual(["a", "b", "c"]);
  });
  it("does not change the input", () => {
    const copy = [...rows];
    sortQueueRows(rows, "pupil", "desc");
    expect(rows).toEqual(copy);
  });
});
