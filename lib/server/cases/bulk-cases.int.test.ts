import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { NONE_SELECTED } from "@/lib/domain/bulk-cases";
import { bulkLettersSchema, bulkReassignSchema } from "@/lib/schemas/bulk-cases";
import { addDays } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { makeAuthority, makeCalendar, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { importRegisterCsv } from "../attendance/import-register";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { getBulkProductionPdf } from "../letters/get-production-pdf";
import { countPdfPages, extractPdfText } from "../pdf/pdf-text";
import { scheduleTask } from "../tasks/schedule-task";
import { findBulkCases, previewLettersForCases, produceLettersForCases, reassignCases } from "./bulk-cases";
import { closeCase } from "./close-case";
import { openCase } from "./open-case";
import { startWindow } from "./start-window";

let authority: { id: string; name: string; laCode: string };
let school: { id: string; name: string; estabNumber: string };
let officer: Actor;
let secondOfficer: Actor;
let manager: Actor;
let staff: Actor;
let otherOfficer: Actor;
let otherManager: Actor;

const now = today();
const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );

/** Present from 2 to 19 November 2026, except unauthorised absence (O) all Monday 2 November. */
async function recordRegisters(pupil: { upn: string }) {
  const lines = ["upn,date,session,code"];
  for (let day = "2026-11-02"; day <= "2026-11-19"; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    lines.push(`${pupil.upn},${day},AM,${day === "2026-11-02" ? "O" : "/"}`);
    lines.push(`${pupil.upn},${day},PM,${day === "2026-11-02" ? "O" : "/"}`);
  }
  await importRegisterCsv({ actor: staff, input: Readable.from([lines.join("\n")]) });
}

/** An open case of `by`'s (officer's own, or assigned to `assignTo` when a manager opens it) on a new pupil with
 * two parents; with `window`, its window started 10 days ago; registers unless `registers: false`. */
async function makeCase(options: { window?: boolean; registers?: boolean; assignTo?: Actor; by?: Actor } = {}) {
  const pupil = await makePupil(testDb, { authority, school });
  if (options.registers !== false) await recordRegisters(pupil);
  await makeParent(testDb, { authority, pupil, firstName: "Amelia", lastName: pupil.lastName });
  await makeParent(testDb, { authority, pupil, relationship: "father", firstName: "Tomasz", lastName: pupil.lastName });
  const by = options.by ?? officer;
  let kase = await openCase(by, {
    pupilId: pupil.id,
    openedOn: addDays(now, -30),
    assignedOfficerId: by.role === "manager" ? (options.assignTo ?? officer).id : undefined,
  } as never);
  if (options.window) {
    kase = await startWindow(by, {
      caseId: kase.id,
      version: 1,
      startDate: addDays(now, -10),
      minAttendancePct: 90,
      maxUnauthorisedSessions: null,
    });
  }
  return { kase, pupil, name: `${pupil.firstName} ${pupil.lastName}` };
}

const ref = (kase: { id: string; version: number }) => `${kase.id}:${kase.version}`;
const stored = (id: string) => testDb.attendanceCase.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  await makeCalendar(testDb, authority);
  school = await makeSchool(testDb, authority);
  officer = await makeActor({ authority, role: "officer", name: "Olive Officer" });
  secondOfficer = await makeActor({ authority, role: "officer", name: "Sam Second" });
  manager = await makeActor({ authority, role: "manager" });
  staff = await makeActor({ authority, role: "school", school });
  otherOfficer = await makeActor({ authority: other, role: "officer" });
  otherManager = await makeActor({ authority: other, role: "manager" });
});

describe("bulk reassign in the case queues", () => {
  it("gives every selected case to one officer: tasks move, each timeline and audit row records it", async () => {
    const a = await makeCase();
    const b = await makeCase({ window: true });
    await scheduleTask(officer, {
      caseId: a.kase.id,
      kind: "home_visit",
      "dueOn-day": "23",
      "dueOn-month": "11",
      "dueOn-year": "2026",
      dueTime: "10:30",
    } as never);

    const result = await reassignCases(officer, {
      cases: `${ref(a.kase)},${ref(b.kase)}`,
      officerId: secondOfficer.id,
      reason: "Covering Olive's caseload",
    });
    expect(result).toEqual({ moved: 2, unchanged: 0, officer: "Sam Second" });
    for (const kase of [a.kase, b.kase]) {
      const after = await stored(kase.id);
      expect(after.assignedOfficerId).toBe(secondOfficer.id);
      expect(after.version).toBe(kase.version + 1);
      const event = await testDb.caseEvent.findFirstOrThrow({ where: { caseId: kase.id, kind: "reassigned" } });
      expect(event.note).toBe("Covering Olive's caseload");
      const audits = await testDb.auditLog.findMany({ where: { entityId: kase.id, action: "case.reassign" } });
      expect(audits).toHaveLength(1);
      expect(audits[0]!.detail).toMatchObject({ bulk: true, from: officer.id, to: secondOfficer.id });
    }
    const tasks = await testDb.caseTask.findMany({ where: { caseId: a.kase.id, status: "open" } });
    expect(tasks.map((t) => t.assignedTo)).toEqual([secondOfficer.id]);
  });

  it("reads the input the server action has already read (the form's parsed values) the same", async () => {
    const a = await makeCase();
    const parsed = bulkReassignSchema.parse({ cases: ref(a.kase), officerId: secondOfficer.id, reason: "" });
    expect(await reassignCases(officer, parsed as never)).toMatchObject({ moved: 1 });
    const b = await makeCase({ window: true });
    const letters = bulkLettersSchema.parse({ cases: ref(b.kase), kind: "review" });
    expect(await produceLettersForCases(officer, letters as never)).toMatchObject({ letters: 2, cases: 1 });
  });

  it("lets a manager move any officer's cases, and counts a case already with that officer as unchanged", async () => {
    const a = await makeCase();
    const b = await makeCase({ by: manager, assignTo: secondOfficer });
    const result = await reassignCases(manager, {
      cases: [ref(a.kase), ref(b.kase)],
      officerId: secondOfficer.id,
    });
    expect(result).toEqual({ moved: 1, unchanged: 1, officer: "Sam Second" });
    expect((await stored(a.kase.id)).assignedOfficerId).toBe(secondOfficer.id);
    expect((await stored(b.kase.id)).version).toBe(b.kase.version);
  });

  it("refuses the whole selection when one case is another officer's, naming it; nothing changes", async () => {
    const mine = await makeCase();
    const theirs = await makeCase({ by: manager, assignTo: secondOfficer });
    const error = await caught(
      reassignCases(officer, { cases: [ref(mine.kase), ref(theirs.kase)], officerId: secondOfficer.id }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const v = error as ValidationError;
    expect(v.formError).toBe(
      "1 of the 2 cases selected cannot be reassigned: untick it or deal with each first. Nothing was changed.",
    );
    expect(v.fieldErrors.cases).toEqual([
      `${theirs.name}: Only the officer assigned to this case, or a manager, can change it`,
    ]);
    expect(await stored(mine.kase.id)).toMatchObject({ assignedOfficerId: officer.id, version: mine.kase.version });
    expect(await testDb.caseEvent.count({ where: { caseId: mine.kase.id, kind: "reassigned" } })).toBe(0);
    expect(await testDb.auditLog.count({ where: { entityId: mine.kase.id, action: "case.reassign" } })).toBe(0);
  });

  it("refuses an officer of another authority, a closed case and a case changed since the page, changing nothing", async () => {
    const a = await makeCase();
    const error = await caught(reassignCases(manager, { cases: [ref(a.kase)], officerId: otherOfficer.id }));
    expect((error as ValidationError).fieldErrors).toEqual({
      officerId: ["Select an officer of this authority to assign the case to"],
    });
    expect((await stored(a.kase.id)).assignedOfficerId).toBe(officer.id);

    const closed = await makeCase();
    await closeCase(officer, { caseId: closed.kase.id, version: 1, outcome: "improved", reason: "Back at school" });
    const stale = await makeCase();
    const staleRef = ref(stale.kase);
    // Someone else changes it after the page was shown (version 1 to 2).
    await startWindow(officer, {
      caseId: stale.kase.id,
      version: 1,
      startDate: addDays(now, -5),
      minAttendancePct: 90,
      maxUnauthorisedSessions: null,
    });
    const refused = (await caught(
      reassignCases(manager, {
        cases: [ref(a.kase), `${closed.kase.id}:2`, staleRef],
        officerId: secondOfficer.id,
      }),
    )) as ValidationError;
    expect(refused.formError).toMatch(/^2 of the 3 cases selected cannot be reassigned/);
    expect(refused.fieldErrors.cases).toHaveLength(2);
    expect(refused.fieldErrors.cases!.join("\n")).toContain(`${closed.name}: `);
    expect(refused.fieldErrors.cases!.join("\n")).toContain(`${stale.name}: `);
    expect((await stored(a.kase.id)).assignedOfficerId).toBe(officer.id);
  });

  it("refuses cases outside the actor's scope without naming them, and an empty selection", async () => {
    const mine = await makeCase();
    const error = (await caught(
      reassignCases(otherManager, { cases: [ref(mine.kase)], officerId: otherOfficer.id }),
    )) as ValidationError;
    expect(error.fieldErrors.cases).toEqual([
      "1 of the cases selected was not found in your cases. Go back to the queue and select again. Nothing was changed.",
    ]);
    expect(JSON.stringify(error.fieldErrors)).not.toContain(mine.name);
    expect((await stored(mine.kase.id)).assignedOfficerId).toBe(officer.id);

    const none = (await caught(reassignCases(officer, { cases: "", officerId: secondOfficer.id }))) as ValidationError;
    expect(none.fieldErrors.cases).toEqual([NONE_SELECTED]);
    const forged = (await caught(
      reassignCases(officer, { cases: "not-a-case:1", officerId: secondOfficer.id }),
    )) as ValidationError;
    expect(forged.fieldErrors["cases.0"]).toEqual(["Go back to the queue and select the cases again"]);
  });

  it("refuses school staff outright", async () => {
    const a = await makeCase();
    expect(await caught(reassignCases(staff, { cases: [ref(a.kase)], officerId: secondOfficer.id }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await caught(findBulkCases(staff, [a.kase.id]))).toBeInstanceOf(ForbiddenError);
  });

  it("lists the selection for the page: in scope only, with the cases the actor may not change", async () => {
    const mine = await makeCase();
    const theirs = await makeCase({ by: manager, assignTo: secondOfficer });
    const foreign = await findBulkCases(otherOfficer, [mine.kase.id]);
    expect(foreign).toMatchObject({ cases: [], unseen: 1 });
    const listed = await findBulkCases(officer, [mine.kase.id, theirs.kase.id]);
    expect(listed.unseen).toBe(0);
    expect(listed.cases.map((c) => [c.pupil, c.refused])).toEqual([
      [mine.name, null],
      [theirs.name, "Only the officer assigned to this case, or a manager, can change it"],
    ]);
    expect((await findBulkCases(officer, [])).problem).toBe(NONE_SELECTED);
  });
});

describe("the same letter across cases", () => {
  it("sends each parent of each case their own letter in one production, printed as one PDF", async () => {
    const a = await makeCase({ window: true });
    const b = await makeCase({ window: true });
    const result = await produceLettersForCases(officer, { cases: [ref(a.kase), ref(b.kase)], kind: "review" });
    expect(result).toMatchObject({ letters: 4, cases: 2, sentOn: now });
    const letters = await testDb.caseLetter.findMany({ where: { productionId: result.productionId } });
    expect(letters).toHaveLength(4);
    expect(new Set(letters.map((l) => l.caseId))).toEqual(new Set([a.kase.id, b.kase.id]));
    for (const kase of [a.kase, b.kase]) {
      expect(await testDb.caseEvent.count({ where: { caseId: kase.id, kind: "letter" } })).toBe(2);
      const audits = await testDb.auditLog.findMany({ where: { entityId: kase.id, action: "case.produce_letters" } });
      expect(audits).toHaveLength(1);
      expect(audits[0]!.detail).toMatchObject({ bulk: true, kind: "review" });
      expect((await stored(kase.id)).version).toBe(kase.version + 1);
    }
    // Each letter states its own pupil's facts.
    expect(letters.find((l) => l.caseId === a.kase.id)!.body).toContain(a.pupil.firstName);
    expect(letters.find((l) => l.caseId === b.kase.id)!.body).toContain(b.pupil.firstName);

    const pdf = await getBulkProductionPdf(manager, result.productionId);
    expect(pdf.count).toBe(4);
    expect(countPdfPages(pdf.bytes)).toBeGreaterThanOrEqual(4);
    const text = extractPdfText(pdf.bytes);
    expect(text).toContain(a.pupil.firstName);
    expect(text).toContain(b.pupil.firstName);
    expect(await testDb.auditLog.count({ where: { actorUserId: manager.id, action: "case_letter.download" } })).toBe(4);
    expect(await caught(getBulkProductionPdf(otherManager, result.productionId))).toBeInstanceOf(NotFoundError);
    expect(await caught(getBulkProductionPdf(staff, result.productionId))).toBeInstanceOf(NotFoundError);
  });

  it("starts the window with a warning letter on a case without one, with the target given", async () => {
    const a = await makeCase();
    const result = await produceLettersForCases(officer, {
      cases: [ref(a.kase)],
      kind: "warning",
      minAttendancePct: "92",
    });
    expect(result.letters).toBe(2);
    const after = await stored(a.kase.id);
    expect(after.status).toBe("window_active");
    expect(after.targetMinAttendanceTenths).toBe(920);
  });

  it("refuses the whole selection when one case cannot get the letter, naming it; nothing is recorded", async () => {
    const good = await makeCase({ window: true });
    const noWindow = await makeCase();
    const error = (await caught(
      produceLettersForCases(officer, { cases: [ref(good.kase), ref(noWindow.kase)], kind: "review" }),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.formError).toBe(
      "1 of the 2 cases selected cannot get this letter: untick it or deal with each first. Nothing was changed.",
    );
    expect(error.fieldErrors.cases).toHaveLength(1);
    expect(error.fieldErrors.cases![0]).toMatch(new RegExp(`^${noWindow.name}: .*window`));
    expect(await testDb.caseLetter.count({ where: { caseId: good.kase.id } })).toBe(0);
    expect((await stored(good.kase.id)).version).toBe(good.kase.version);
    expect(await testDb.auditLog.count({ where: { entityId: good.kase.id, action: "case.produce_letters" } })).toBe(0);

    // A warning letter on a case without a window needs the target: said on the target's field too.
    const target = (await caught(
      produceLettersForCases(officer, { cases: [ref(noWindow.kase)], kind: "warning" }),
    )) as ValidationError;
    const unset = "Set a minimum attendance, a maximum number of unauthorised sessions, or both";
    expect(target.fieldErrors.minAttendancePct).toEqual([unset]);
    expect(target.fieldErrors.cases).toEqual([`${noWindow.name}: ${unset}`]);
    expect(await testDb.caseLetter.count({ where: { caseId: noWindow.kase.id } })).toBe(0);
  });

  it("previews each parent's letter on each case, quoting its own figures, in the order selected; records nothing", async () => {
    const a = await makeCase();
    const b = await makeCase();
    const before = await testDb.auditLog.count({
      where: { action: "case.bulk_preview_letters", actorUserId: officer.id },
    });
    const previews = await previewLettersForCases(officer, {
      cases: [ref(b.kase), ref(a.kase)],
      kind: "warning",
      minAttendancePct: "90",
    });
    expect(previews.map((p) => [p.caseId, p.pupil])).toEqual([
      [b.kase.id, b.name],
      [a.kase.id, a.name],
    ]);
    for (const [preview, c] of [
      [previews[0]!, b],
      [previews[1]!, a],
    ] as const) {
      expect(preview.letters.map((l) => l.parentName).sort()).toEqual([
        `Amelia ${c.pupil.lastName}`,
        `Tomasz ${c.pupil.lastName}`,
      ]);
      for (const letter of preview.letters) {
        // The pupil's own figures before the letter: the unauthorised sessions and their date, never "not yet
        // recorded"; and no template token left in.
        expect(letter.body).toContain(c.pupil.firstName);
        expect(letter.body).toContain("2 November 2026");
        expect(letter.body).not.toContain("not yet recorded");
        expect(`${letter.subject}${letter.body}`).not.toContain("{{");
      }
    }
    // Nothing recorded: no letter, no timeline entry, no window, the version unchanged; the read is audited once.
    for (const c of [a, b]) {
      expect(await testDb.caseLetter.count({ where: { caseId: c.kase.id } })).toBe(0);
      expect(
        await testDb.caseEvent.count({ where: { caseId: c.kase.id, kind: { in: ["letter", "window_started"] } } }),
      ).toBe(0);
      const after = await stored(c.kase.id);
      expect(after.version).toBe(c.kase.version);
      expect(after.windowStart).toBeNull();
      expect(await testDb.auditLog.count({ where: { entityId: c.kase.id, action: "case.produce_letters" } })).toBe(0);
    }
    const audits = await testDb.auditLog.findMany({
      where: { action: "case.bulk_preview_letters", actorUserId: officer.id },
      orderBy: { chainSeq: "desc" },
    });
    expect(audits.length).toBe(before + 1);
    expect(audits[0]!.detail).toMatchObject({ kind: "warning", caseIds: [b.kase.id, a.kase.id] });

    // Then sent as previewed: the same text recorded.
    const sent = await produceLettersForCases(officer, {
      cases: [ref(b.kase), ref(a.kase)],
      kind: "warning",
      minAttendancePct: "90",
    });
    const letters = await testDb.caseLetter.findMany({ where: { productionId: sent.productionId } });
    expect(letters.map((l) => l.body).sort()).toEqual(previews.flatMap((p) => p.letters.map((l) => l.body)).sort());
  });

  it("previews nothing when one case cannot get the letter: each refused case named with its reason", async () => {
    const mine = await makeCase({ window: true });
    const theirs = await makeCase({ window: true, by: manager, assignTo: secondOfficer });
    const noWindow = await makeCase();
    const error = (await caught(
      previewLettersForCases(officer, {
        cases: [ref(mine.kase), ref(theirs.kase), ref(noWindow.kase)],
        kind: "review",
      }),
    )) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.formError).toBe(
      "2 of the 3 cases selected cannot get this letter: untick them or deal with each first. Nothing was changed.",
    );
    expect(error.fieldErrors.cases).toHaveLength(2);
    expect(error.fieldErrors.cases!.find((m) => m.startsWith(`${theirs.name}: `))).toBeDefined();
    expect(error.fieldErrors.cases!.find((m) => m.startsWith(`${noWindow.name}: `))).toMatch(/window/);
    const meeting = (await caught(
      previewLettersForCases(officer, { cases: [ref(mine.kase)], kind: "meeting_invitation" }),
    )) as ValidationError;
    expect(meeting.fieldErrors.kind![0]).toMatch(/each family's own/);
    expect(await caught(previewLettersForCases(staff, { cases: [ref(mine.kase)], kind: "review" }))).toBeInstanceOf(
      ForbiddenError,
    );
    for (const c of [mine, theirs, noWindow]) {
      expect(await testDb.caseLetter.count({ where: { caseId: c.kase.id } })).toBe(0);
      expect((await stored(c.kase.id)).version).toBe(c.kase.version);
    }
  });

  it("refuses an invitation to a meeting once (each family's meeting is its own), and school staff", async () => {
    const a = await makeCase({ window: true });
    const error = (await caught(
      produceLettersForCases(officer, { cases: [ref(a.kase)], kind: "meeting_invitation" }),
    )) as ValidationError;
    expect(error.fieldErrors).toEqual({
      kind: [
        "The invitation to a meeting states a meeting's date, time or place, which are each family's own: produce it from the case's page",
      ],
    });
    expect(await caught(produceLettersForCases(staff, { cases: [ref(a.kase)], kind: "review" }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await testDb.caseLetter.count({ where: { caseId: a.kase.id } })).toBe(0);
  });
});
