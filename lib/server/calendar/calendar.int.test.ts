import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError, ValidationError } from "../errors";
import { importRegisterCsv } from "../attendance/import-register";
import { addCalendarEntry, deleteCalendarEntry, findCalendarEntries } from "./edit-calendar";
import { importCalendarCsv } from "./import-calendar-csv";

let admin: Actor;
let officer: Actor;
let authority: { id: string; laCode: string };
let pupil: { id: string; upn: string };

const CSV = [
  "kind,start,end,name",
  "term,2025-09-03,2025-10-24,Autumn 1",
  "term,2025-11-03,2025-12-19,Autumn 2",
  "closure,2025-09-26,2025-09-26,INSET day",
].join("\n");

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  pupil = await makePupil(testDb, { authority, school, enrolledOn: "2025-09-01" });
  admin = await makeActor({ authority, role: "admin" });
  officer = await makeActor({ authority, role: "officer" });
});

const weeks = async () =>
  (
    await rawPool.query<{ week_start: string; ordinal: number; school_days: number }>(
      "SELECT week_start::text, ordinal, school_days FROM school_week WHERE authority_id = $1 ORDER BY ordinal",
      [authority.id],
    )
  ).rows;

describe("term calendar", () => {
  it("refuses a file with bad rows, naming each line, and saves nothing", async () => {
    const bad = "kind,start,end,name\nterm,2025-09-03,2025-08-01,Backwards\nholiday,2025-10-01,2025-10-02,Nope\n";
    const error = await importCalendarCsv(admin, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const messages = (error as ValidationError).fieldErrors.file!;
    expect(messages.some((m) => m.startsWith("Line 2"))).toBe(true);
    expect(messages.some((m) => m.startsWith("Line 3"))).toBe(true);
    expect(await findCalendarEntries(admin)).toEqual([]);
  });

  it("loads a calendar and numbers the school weeks, skipping half-term", async () => {
    await importCalendarCsv(admin, CSV);
    const w = await weeks();
    expect(w[0]).toEqual({ week_start: "2025-09-01", ordinal: 1, school_days: 3 });
    expect(w.find((x) => x.week_start === "2025-09-22")?.school_days).toBe(4); // INSET Friday
    expect(w.map((x) => x.week_start)).not.toContain("2025-10-27"); // half-term
    expect(w.find((x) => x.week_start === "2025-11-03")?.ordinal).toBe(9);
    expect(w).toHaveLength(15);
  });

  it("recomputes the penalty-notice window when the calendar changes", async () => {
    // 10 unauthorised sessions: 6 in the last week of Autumn 1 and 4 in the first of Autumn 2.
    const lines = ["upn,date,session,code"];
    for (const d of ["2025-10-20", "2025-10-21", "2025-10-22"])
      lines.push(`${pupil.upn},${d},AM,N`, `${pupil.upn},${d},PM,N`);
    for (const d of ["2025-11-03", "2025-11-04"]) lines.push(`${pupil.upn},${d},AM,O`, `${pupil.upn},${d},PM,O`);
    const outcome = await importRegisterCsv({ actor: officer, input: Readable.from([lines.join("\n")]) });
    expect(outcome.ok).toBe(true);
    const risk = async () =>
      (
        await rawPool.query(
          `SELECT max_penalty_10_weeks FROM attendance_pupil_year
           WHERE pupil_key = (SELECT store_key FROM pupil WHERE id = $1)`,
          [pupil.id],
        )
      ).rows[0].max_penalty_10_weeks;
    expect(await risk()).toBe(10);

    // Without a calendar for the year nobody is flagged by guesswork: the figure is unknown.
    const entries = await findCalendarEntries(admin);
    for (const e of entries.filter((x) => x.kind === "closure")) await deleteCalendarEntry(admin, e.id);
    for (const e of await findCalendarEntries(admin)) await deleteCalendarEntry(admin, e.id);
    expect(await weeks()).toEqual([]);
    expect(await risk()).toBeNull();

    await addCalendarEntry(admin, { kind: "term", start: "2025-09-03", end: "2025-12-19", name: "Autumn" });
    expect(await risk()).toBe(10);
  });

  it("is for administrators only", async () => {
    await expect(importCalendarCsv(officer, CSV)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      addCalendarEntry(officer, { kind: "term", start: "2026-01-05", end: "2026-02-13", name: "Spring 1" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
