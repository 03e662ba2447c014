import { describe, expect, it } from "vitest";
import { sectionMyDay, type MyDayItem } from "./my-day";

const item = (key: string, kind: MyDayItem["kind"], date: string, time: string | null = null): MyDayItem => ({
  key,
  kind,
  date,
  time,
  label: key,
  detail: "",
  caseId: "c",
  pupil: "p",
  upn: "u",
  officer: "o",
  task: null,
});

describe("sectionMyDay", () => {
  it("puts items overdue, today or coming up, each in date and time order", () => {
    const { sections, counts } = sectionMyDay(
      [
        item("later", "task", "2026-11-23", "09:00"),
        item("pm", "task", "2026-11-20", "14:00"),
        item("ending", "window_ending", "2026-11-20"),
        item("am", "task", "2026-11-20", "09:30"),
        item("late", "task", "2026-11-18"),
        item("undecided", "decision_due", "2026-11-19"),
      ],
      "2026-11-20",
    );
    expect(sections.overdue.map((i) => i.key)).toEqual(["late", "undecided"]);
    expect(sections.today.map((i) => i.key)).toEqual(["ending", "am", "pm"]);
    expect(sections.upcoming.map((i) => i.key)).toEqual(["later"]);
    expect(counts).toEqual({ overdue: 2, today: 3, upcoming: 1 });
  });

  it("keeps a referral sent back in today's list on its day and overdue after, never coming up", () => {
    const { sections } = sectionMyDay(
      [item("back-today", "referral_returned", "2026-11-20"), item("back-before", "referral_returned", "2026-11-12")],
      "2026-11-20",
    );
    expect(sections.today.map((i) => i.key)).toEqual(["back-today"]);
    expect(sections.overdue.map((i) => i.key)).toEqual(["back-before"]);
  });
});
