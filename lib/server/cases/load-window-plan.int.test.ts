// The term calendar is built once for the same entries (ADR 084), and built afresh when they change.
import { describe, expect, it } from "vitest";
import { keptSchoolCalendar } from "./load-window-plan";

const entries = [
  { id: "a", kind: "term" as const, start: "2026-09-02", end: "2026-10-23", name: "Autumn 1" },
  { id: "b", kind: "term" as const, start: "2026-11-02", end: "2026-12-18", name: "Autumn 2" },
  { id: "c", kind: "term" as const, start: "2027-01-05", end: "2027-07-21", name: "Spring and summer" },
];

describe("keptSchoolCalendar", () => {
  it("gives the same calendar for the same entries, and a new one, with the change, when they change", () => {
    const calendar = keptSchoolCalendar(entries);
    expect(keptSchoolCalendar(entries.map((e) => ({ ...e })))).toBe(calendar);
    expect(calendar.isSchoolDay("2026-11-02")).toBe(true);
    const closed = [
      ...entries,
      { id: "d", kind: "closure" as const, start: "2026-11-02", end: "2026-11-02", name: "INSET" },
    ];
    const changed = keptSchoolCalendar(closed);
    expect(changed).not.toBe(calendar);
    expect(changed.isSchoolDay("2026-11-02")).toBe(false);
    expect(keptSchoolCalendar(entries).isSchoolDay("2026-11-02")).toBe(true);
  });

  it("throws for invalid entries every time, keeping nothing", () => {
    const overlapping = [
      ...entries,
      { id: "e", kind: "term" as const, start: "2026-10-01", end: "2026-11-05", name: "Overlap" },
    ];
    expect(() => keptSchoolCalendar(overlapping)).toThrow();
    expect(() => keptSchoolCalendar(overlapping)).toThrow();
  });
});
