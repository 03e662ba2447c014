import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { STALE_VERSION } from "@/lib/domain/case-rules";
import { addDays } from "@/lib/domain/dates";
import { DEFAULT_TEMPLATES } from "@/lib/domain/letters";
import { today } from "@/lib/env";
import { makeAuthority, makeCalendar, makeParent, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, testDb, ownerPool } from "@/tests/db";
import type { Actor } from "../actor";
import { importRegisterCsv } from "../attendance/import-register";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { closeCase } from "../cases/close-case";
import { openCase } from "../cases/open-case";
import { startWindow } from "../cases/start-window";
import { countPdfPages, extractPdfText, extractPdfTitle } from "../pdf/pdf-text";
import { findCaseLetters } from "./find-case-letters";
import { findLetterTemplates } from "./find-letter-templates";
import { getCaseLetter, getCaseLetterPdf } from "./get-case-letter";
import { getProductionPdf } from "./get-production-pdf";
import { getLetterTemplate } from "./get-letter-template";
import { previewLetterTemplate, sampleLetterPdf } from "./preview-letter-template";
import { previewLetters, produceLetters } from "./produce-letters";
import { resetLetterTemplate, saveLetterTemplate } from "./save-letter-template";

let authority: { id: string; name: string; laCode: string };
let school: { id: string; name: string; estabNumber: string };
let officer: Actor;
let secondOfficer: Actor;
let manager: Actor;
let admin: Actor;
let staff: Actor;
let otherOfficer: Actor;
let otherAdmin: Actor;

const now = today();
const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );

/** The school's registers for a pupil over the three school weeks before today (2 to 19 November 2026): present,
 * except unauthorised absence (O) on Monday 2 November (both sessions) and Friday 13 November (afternoon). */
async function recordRegisters(pupil: { upn: string }) {
  const lines = ["upn,date,session,code"];
  for (let day = "2026-11-02"; day <= "2026-11-19"; day = addDays(day, 1)) {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    lines.push(`${pupil.upn},${day},AM,${day === "2026-11-02" ? "O" : "/"}`);
    lines.push(`${pupil.upn},${day},PM,${day === "2026-11-02" || day === "2026-11-13" ? "O" : "/"}`);
  }
  await importRegisterCsv({ actor: staff, input: Readable.from([lines.join("\n")]) });
}

/** A case opened 30 days ago on a new pupil (with registers: recordRegisters) with a mother and a father as
 * parties; with `window`, its Fast Track window started 10 days ago (the case is then at version 2). */
async function caseWithTwoParents(options: { window?: boolean; registers?: boolean } = {}) {
  const pupil = await makePupil(testDb, { authority, school });
  if (options.registers !== false) await recordRegisters(pupil);
  const mother = await makeParent(testDb, { authority, pupil, firstName: "Amelia", lastName: "Hartley" });
  const father = await makeParent(testDb, {
    authority,
    pupil,
    relationship: "father",
    firstName: "Tomasz",
    lastName: "Wójcik",
  });
  let kase = await openCase(officer, { pupilId: pupil.id, openedOn: addDays(now, -30) });
  if (options.window) {
    kase = await startWindow(officer, {
      caseId: kase.id,
      version: 1,
      startDate: addDays(now, -10),
      minAttendancePct: 90,
      maxUnauthorisedSessions: null,
    });
  }
  return { kase, pupil, mother, father };
}

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  await makeCalendar(testDb, authority);
  school = await makeSchool(testDb, authority);
  officer = await makeActor({ authority, role: "officer", name: "Olive Officer" });
  secondOfficer = await makeActor({ authority, role: "officer" });
  manager = await makeActor({ authority, role: "manager" });
  admin = await makeActor({ authority, role: "admin" });
  staff = await makeActor({ authority, role: "school", school });
  otherOfficer = await makeActor({ authority: other, role: "officer" });
  otherAdmin = await makeActor({ authority: other, role: "admin" });
});

describe("letter templates", () => {
  it("uses the built-in text until the authority saves its own, then that; saves are audited", async () => {
    const own = await makeAuthority(testDb);
    const ownAdmin = await makeActor({ authority: own, role: "admin" });
    expect((await findLetterTemplates(ownAdmin)).map((t) => [t.kind, t.customised])).toEqual([
      ["meeting_invitation", false],
      ["warning", false],
      ["review", false],
      ["final_warning", false],
    ]);
    expect(await getLetterTemplate(ownAdmin, "review")).toMatchObject({
      ...DEFAULT_TEMPLATES.review,
      customised: false,
    });

    await saveLetterTemplate(ownAdmin, {
      kind: "review",
      subject: " Review for {{pupil.name}} ",
      body: "Dear {{parent.salutation}}\r\n\r\nWe reviewed.\n\n",
    });
    expect(await getLetterTemplate(ownAdmin, "review")).toMatchObject({
      subject: "Review for {{pupil.name}}",
      body: "Dear {{parent.salutation}}\n\nWe reviewed.",
      customised: true,
    });
    expect((await findLetterTemplates(ownAdmin)).find((t) => t.kind === "review")).toMatchObject({
      customised: true,
      updatedBy: ownAdmin.name,
    });
    expect(await testDb.auditLog.count({ where: { actorUserId: ownAdmin.id, action: "letter_template.save" } })).toBe(
      1,
    );
    // another authority still sees its own (default) text
    expect((await getLetterTemplate(otherAdmin, "review")).customised).toBe(false);

    await resetLetterTemplate(ownAdmin, "review");
    expect((await getLetterTemplate(ownAdmin, "review")).customised).toBe(false);
  });

  it("refuses an unknown merge field, naming it and its line, and saves nothing", async () => {
    const own = await makeAuthority(testDb);
    const ownAdmin = await makeActor({ authority: own, role: "admin" });
    const error = await caught(
      saveLetterTemplate(ownAdmin, {
        kind: "warning",
        subject: "Warning",
        body: "Dear {{parent.name}}\n\n{{pupil.nmae}}",
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.body).toEqual([
      "Unknown merge field {{pupil.nmae}} on line 3. Did you mean {{pupil.name}}?",
    ]);
    const blank = await caught(saveLetterTemplate(ownAdmin, { kind: "warning", subject: "", body: "" }));
    expect(Object.keys((blank as ValidationError).fieldErrors)).toEqual(["subject", "body"]);
    const badKind = await caught(saveLetterTemplate(ownAdmin, { kind: "threat" as never, subject: "x", body: "y" }));
    expect((badKind as ValidationError).fieldErrors.kind).toBeDefined();
    expect(await testDb.letterTemplate.count({ where: { authorityId: own.id } })).toBe(0);
  });

  it("refuses a merge field the kind of letter cannot know, and school weeks out of range, on the server and in the database", async () => {
    const own = await makeAuthority(testDb);
    const ownAdmin = await makeActor({ authority: own, role: "admin" });
    const invitation = await caught(
      saveLetterTemplate(ownAdmin, {
        kind: "meeting_invitation",
        subject: "x",
        body: "Dear {{parent.name}}\n\nUntil {{case.windowEnd}}",
      }),
    );
    expect((invitation as ValidationError).fieldErrors.body).toEqual([
      "{{case.windowEnd}} on line 3 cannot be used in this kind of letter: an invitation is sent before the Fast Track window starts, so it has no window dates or target",
    ]);
    const review = await caught(
      saveLetterTemplate(ownAdmin, { kind: "review", subject: "On {{meeting.date}}", body: "y" }),
    );
    expect((review as ValidationError).fieldErrors.subject?.[0]).toMatch(/only an invitation has a meeting/);
    for (const figuresWeeks of ["0", "40", "2.5", "six"]) {
      const weeks = await caught(
        saveLetterTemplate(ownAdmin, { kind: "warning", subject: "x", body: "y", figuresWeeks }),
      );
      expect((weeks as ValidationError).fieldErrors.figuresWeeks, figuresWeeks).toEqual([
        "Enter the school weeks the figures cover as a whole number from 1 to 39",
      ]);
    }
    expect(await testDb.letterTemplate.count({ where: { authorityId: own.id } })).toBe(0);
    await expect(
      testDb.letterTemplate.create({
        data: {
          authorityId: own.id,
          kind: "meeting_invitation",
          subject: "x",
          body: "{{ case.target }}",
          updatedBy: ownAdmin.id,
        },
      }),
    ).rejects.toThrow(/letter_template_fields_fit_kind/);
    await expect(
      testDb.letterTemplate.create({
        data: {
          authorityId: own.id,
          kind: "warning",
          subject: "x",
          body: "y",
          figuresWeeks: 40,
          updatedBy: ownAdmin.id,
        },
      }),
    ).rejects.toThrow(/letter_template_figures_weeks/);
  });

  it("keeps the rules in the database too", async () => {
    await expect(
      testDb.letterTemplate.create({
        data: { authorityId: authority.id, kind: "threat", subject: "x", body: "y", updatedBy: admin.id },
      }),
    ).rejects.toThrow();
    await expect(
      testDb.letterTemplate.create({
        data: { authorityId: authority.id, kind: "review", subject: " ", body: "y", updatedBy: admin.id },
      }),
    ).rejects.toThrow();
    await expect(
      testDb.letterTemplate.create({
        data: { authorityId: authority.id, kind: "review", subject: "x", body: "y", updatedBy: otherAdmin.id },
      }),
    ).rejects.toThrow();
  });

  it("previews with sample values, as HTML text and as a PDF, without saving", async () => {
    const preview = await previewLetterTemplate(admin, {
      kind: "meeting_invitation",
      subject: "Meeting about {{pupil.name}}",
      body: "Dear {{parent.salutation}}\n\nCome on {{meeting.date}}.",
    });
    expect(preview).toEqual({
      kind: "meeting_invitation",
      subject: "Meeting about Alex Sample",
      body: "Dear Ms Sample\n\nCome on 27 November 2026.",
    });
    const { bytes, filename } = await sampleLetterPdf(admin, "warning");
    expect(filename).toBe("sample-warning.pdf");
    const text = extractPdfText(bytes);
    expect(text).toContain("Ms Jane Sample");
    expect(text).toContain(authority.name);
    expect(text).toContain("Formal warning: Alex Sample's attendance at school");
    expect(text).toMatch(/section 444 of the Education Act 1996/);
    expect(await testDb.letterTemplate.count({ where: { authorityId: authority.id } })).toBe(0);
  });

  it("is for administrators only", async () => {
    for (const actor of [officer, manager, staff]) {
      await expect(findLetterTemplates(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(saveLetterTemplate(actor, { kind: "review", subject: "x", body: "y" })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(sampleLetterPdf(actor, "review")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(previewLetterTemplate(actor, { kind: "review", subject: "x", body: "y" })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(getLetterTemplate(actor, "review")).rejects.toBeInstanceOf(ForbiddenError);
      await expect(resetLetterTemplate(actor, "review")).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("producing letters", () => {
  it("writes one frozen letter per party, one timeline entry each, audited, and renders each as a PDF", async () => {
    const { kase, mother, father } = await caseWithTwoParents();
    await startWindow(officer, {
      caseId: kase.id,
      version: kase.version,
      startDate: addDays(now, -10),
      minAttendancePct: 90,
      maxUnauthorisedSessions: null,
    });
    const letters = await produceLetters(officer, { caseId: kase.id, version: kase.version + 1, kind: "warning" });
    expect(letters.map((l) => l.parentId).sort()).toEqual([mother.id, father.id].sort());
    expect(letters.every((l) => l.sentOn === now && l.kind === "warning")).toBe(true);

    const stored = await testDb.caseLetter.findMany({ where: { caseId: kase.id } });
    expect(stored).toHaveLength(2);
    expect(new Set(stored.map((l) => l.productionId)).size).toBe(1);
    const toMother = stored.find((l) => l.parentId === mother.id)!;
    expect(toMother.body).toContain("Ms Amelia Hartley".replace("Ms ", ""));
    expect(toMother.body).toContain("Dear Amelia Hartley");
    expect(toMother.body).toContain("1 Test Street\nDarlington\nDL1 1AA");
    expect(toMother.body).toContain("attendance of at least 90%");
    expect(toMother.body).not.toContain("{{");

    const events = await testDb.caseEvent.findMany({ where: { caseId: kase.id, kind: "letter" } });
    expect(events).toHaveLength(2);
    for (const letter of stored) {
      expect(events.map((e) => e.details)).toContainEqual({
        letterId: letter.id,
        parentId: letter.parentId,
        kind: "warning",
      });
    }
    expect(await testDb.auditLog.count({ where: { entityId: kase.id, action: "case.produce_letters" } })).toBe(1);
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).version).toBe(kase.version + 2);

    const list = await findCaseLetters(manager, kase.id);
    expect(list.letters.map((l) => l.parentName).sort()).toEqual(["Amelia Hartley", "Tomasz Wójcik"]);
    expect(list.mayProduce).toBe(true);

    const pdf = await getCaseLetterPdf(officer, kase.id, toMother.id);
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(pdf.filename).toBe(`warning-amelia-hartley-${now}.pdf`);
    const text = extractPdfText(pdf.bytes);
    expect(text).toContain("Dear Amelia Hartley");
    expect(text).toContain("section 444 of the Education Act 1996");
    expect(text).toContain("Page 1 of");
    expect(extractPdfTitle(pdf.bytes)).toBe("Warning letter (starts the Fast Track window): Amelia Hartley");
    expect(countPdfPages(pdf.bytes)).toBeGreaterThanOrEqual(1);
    const fatherPdf = await getCaseLetterPdf(officer, kase.id, stored.find((l) => l.parentId === father.id)!.id);
    expect(extractPdfText(fatherPdf.bytes)).toContain("Dear Tomasz Wójcik");
    expect(await testDb.auditLog.count({ where: { entityId: toMother.id, action: "case_letter.download" } })).toBe(1);

    // Both parents' letters as one PDF for printing, each from a new page; each audited as downloaded.
    const both = await getProductionPdf(officer, kase.id, toMother.productionId);
    expect(both.count).toBe(2);
    const bothText = extractPdfText(both.bytes);
    expect(bothText).toContain("Dear Amelia Hartley");
    expect(bothText).toContain("Dear Tomasz Wójcik");
    expect(countPdfPages(both.bytes)).toBeGreaterThanOrEqual(2);
    expect(await testDb.auditLog.count({ where: { entityId: toMother.id, action: "case_letter.download" } })).toBe(2);
    for (const actor of [staff, admin, otherOfficer])
      await expect(getProductionPdf(actor, kase.id, toMother.productionId)).rejects.toBeInstanceOf(NotFoundError);
    const { kase: otherCase } = await caseWithTwoParents({ registers: false });
    await expect(getProductionPdf(officer, otherCase.id, toMother.productionId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("quotes the attendance before a warning: the last 6 school weeks and this term, with the unauthorised dates", async () => {
    const { kase } = await caseWithTwoParents({ window: true });
    const [letter] = await produceLetters(officer, { caseId: kase.id, version: 2, kind: "warning" });
    const { body } = await testDb.caseLetter.findFirstOrThrow({ where: { id: letter!.id } });
    // 6 school weeks back from Thursday 19 November, skipping the half-term week of 26 October.
    expect(body).toContain("From 5 October 2026 to 19 November 2026");
    expect(body).toContain("attendance was 89.3%, with 3 sessions of unauthorised absence out of 28 possible sessions");
    expect(body).toContain(
      "The unauthorised absences were on: Monday 2 November 2026 (morning and afternoon), Friday 13 November 2026 (afternoon).",
    );
    expect(body).toContain("This term so far (2 November 2026 to 19 November 2026)");
    expect(body).not.toContain("not recorded");
    expect(body).not.toContain("{{");
  });

  it("refuses a letter that quotes figures when no attendance is recorded, naming the period, never a token", async () => {
    const { kase } = await caseWithTwoParents({ window: true, registers: false });
    const error = await caught(produceLetters(officer, { caseId: kase.id, version: 2, kind: "warning" }));
    expect((error as ValidationError).fieldErrors.sentOn).toEqual([
      expect.stringMatching(
        /^No attendance is recorded for .+ from 5 October 2026 to 19 November 2026, so the letter would state no facts/,
      ),
    ]);
    const noWindow = await caseWithTwoParents();
    const review = await caught(produceLetters(officer, { caseId: noWindow.kase.id, version: 1, kind: "review" }));
    expect((review as ValidationError).fieldErrors.kind?.[0]).toMatch(/quotes the Fast Track window so far/);
    const warning = await caught(produceLetters(officer, { caseId: noWindow.kase.id, version: 1, kind: "warning" }));
    // A warning starts the window, so without one it asks for the window's target.
    expect((warning as ValidationError).fieldErrors.minAttendancePct?.[0]).toBe(
      "Set a minimum attendance, a maximum number of unauthorised sessions, or both",
    );
    expect(JSON.stringify([error, review, warning].map((e) => (e as ValidationError).fieldErrors))).not.toContain("{{");
    expect(await testDb.caseLetter.count({ where: { caseId: { in: [kase.id, noWindow.kase.id] } } })).toBe(0);
  });

  it("follows the template's number of school weeks", async () => {
    const own = await makeAuthority(testDb);
    await makeCalendar(testDb, own);
    const ownSchool = await makeSchool(testDb, own);
    const ownOfficer = await makeActor({ authority: own, role: "officer" });
    const ownAdmin = await makeActor({ authority: own, role: "admin" });
    const ownStaff = await makeActor({ authority: own, role: "school", school: ownSchool });
    const pupil = await makePupil(testDb, { authority: own, school: ownSchool });
    await makeParent(testDb, { authority: own, pupil });
    await importRegisterCsv({
      actor: ownStaff,
      input: Readable.from([`upn,date,session,code\n${pupil.upn},2026-11-16,AM,O\n${pupil.upn},2026-11-16,PM,/`]),
    });
    await saveLetterTemplate(ownAdmin, {
      kind: "meeting_invitation",
      subject: "Attendance",
      body: "Dear {{parent.name}}\n\n{{figures.period}}: {{figures.unauthorisedDates}}",
      figuresWeeks: "1",
    });
    const kase = await openCase(ownOfficer, { pupilId: pupil.id });
    const [letter] = await produceLetters(ownOfficer, { caseId: kase.id, version: 1, kind: "meeting_invitation" });
    const { body } = await testDb.caseLetter.findFirstOrThrow({ where: { id: letter!.id } });
    expect(body).toMatch(/16 November 2026 to 19 November 2026: Monday 16 November 2026 \(morning\)$/);
  });

  it("previews each parent's letter exactly as it would be sent, recording nothing, with the same refusals", async () => {
    const { kase, mother, father } = await caseWithTwoParents({ window: true });
    const auditsBefore = await testDb.auditLog.count({ where: { entityId: kase.id } });
    const preview = await previewLetters(officer, { caseId: kase.id, version: 2, kind: "warning" });
    expect(preview.map((l) => l.parentId).sort()).toEqual([mother.id, father.id].sort());
    expect(preview.find((l) => l.parentId === mother.id)!.body).toContain("Dear Amelia Hartley");
    expect(preview.every((l) => l.subject.startsWith("Formal warning:"))).toBe(true);
    // Its figures show unauthorised absence: no caution.
    expect(preview.every((l) => l.caution === null)).toBe(true);
    expect(await testDb.caseLetter.count({ where: { caseId: kase.id } })).toBe(0);
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id, kind: "letter" } })).toBe(0);
    expect(await testDb.auditLog.count({ where: { entityId: kase.id } })).toBe(auditsBefore);
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).version).toBe(2);
    await expect(
      previewLetters(secondOfficer, { caseId: kase.id, version: 2, kind: "warning" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(previewLetters(otherOfficer, { caseId: kase.id, version: 2, kind: "warning" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    // What is sent is what was previewed.
    const sent = await produceLetters(officer, { caseId: kase.id, version: 2, kind: "warning" });
    const stored = await testDb.caseLetter.findMany({ where: { id: { in: sent.map((l) => l.id) } } });
    for (const letter of preview) expect(stored.find((s) => s.parentId === letter.parentId)?.body).toBe(letter.body);
  });

  it("cautions before a warning whose own figures show no unauthorised absence, naming the pupil and the period", async () => {
    const pupil = await makePupil(testDb, { authority, school });
    const lines = ["upn,date,session,code"];
    for (let day = "2026-11-02"; day <= "2026-11-19"; day = addDays(day, 1)) {
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) lines.push(`${pupil.upn},${day},AM,/`, `${pupil.upn},${day},PM,/`);
    }
    await importRegisterCsv({ actor: staff, input: Readable.from([lines.join("\n")]) });
    await makeParent(testDb, { authority, pupil });
    const kase = await openCase(officer, { pupilId: pupil.id, openedOn: addDays(now, -30) });
    const [letter] = await previewLetters(officer, {
      caseId: kase.id,
      version: 1,
      kind: "warning",
      minAttendancePct: "90",
    });
    expect(letter!.caution).toMatch(
      new RegExp(
        `^The register shows no unauthorised absence for ${pupil.firstName} ${pupil.lastName} from .+ 2026 to 19 November 2026 or this term so far, so this formal warning states no absence that justifies it`,
      ),
    );
    // A caution, not a refusal: the officer may still send it (the absence may be older than the period).
    expect(
      await produceLetters(officer, { caseId: kase.id, version: 1, kind: "warning", minAttendancePct: "90" }),
    ).toHaveLength(1);
  });

  it("starts the window with the warning letter, on the letter's date, in the same step; a preview starts nothing", async () => {
    const { kase } = await caseWithTwoParents();
    const input = { caseId: kase.id, version: 1, kind: "warning" as const, minAttendancePct: "90" };
    const preview = await previewLetters(officer, input);
    expect(preview[0]!.body).toContain(`From ${"20 November 2026"} to `);
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).windowStart).toBeNull();
    expect(await testDb.caseTask.count({ where: { caseId: kase.id } })).toBe(0);

    const letters = await produceLetters(officer, input);
    const saved = await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } });
    expect(saved.windowStart?.toISOString().slice(0, 10)).toBe(now);
    expect(saved).toMatchObject({ status: "window_active", targetMinAttendanceTenths: 900, version: 2 });
    const stored = await testDb.caseLetter.findFirstOrThrow({ where: { id: letters[0]!.id } });
    expect(stored.body).toBe(preview.find((l) => l.parentId === stored.parentId)!.body);
    expect(stored.body).toContain("we expect attendance of at least 90%");
    const kinds = (await testDb.caseEvent.findMany({ where: { caseId: kase.id } })).map((e) => e.kind).sort();
    expect(kinds).toEqual(["letter", "letter", "opened", "window_started"]);
    expect(await testDb.caseTask.count({ where: { caseId: kase.id, source: "milestone" } })).toBeGreaterThan(0);
  });

  it("keeps the letter as sent when the template changes later", async () => {
    const own = await makeAuthority(testDb);
    const ownSchool = await makeSchool(testDb, own);
    const ownOfficer = await makeActor({ authority: own, role: "officer" });
    const ownAdmin = await makeActor({ authority: own, role: "admin" });
    const pupil = await makePupil(testDb, { authority: own, school: ownSchool });
    await makeParent(testDb, { authority: own, pupil, firstName: "Rita", lastName: "Brown" });
    const kase = await openCase(ownOfficer, { pupilId: pupil.id });
    await saveLetterTemplate(ownAdmin, {
      kind: "review",
      subject: "First version",
      body: "Dear {{parent.name}}\n\nVersion one.",
    });
    const [letter] = await produceLetters(ownOfficer, { caseId: kase.id, version: 1, kind: "review" });
    await saveLetterTemplate(ownAdmin, {
      kind: "review",
      subject: "Second version",
      body: "Dear {{parent.name}}\n\nVersion two.",
    });
    const again = await getCaseLetter(ownOfficer, kase.id, letter!.id);
    expect(again).toMatchObject({ subject: "First version", body: "Dear Rita Brown\n\nVersion one." });
    expect(extractPdfText((await getCaseLetterPdf(ownOfficer, kase.id, letter!.id)).bytes)).toContain("Version one.");
    // The app's role may not change a letter (ADR 031); behind the grant, the trigger stops the owner too.
    await expect(testDb.caseLetter.update({ where: { id: letter!.id }, data: { body: "changed" } })).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      ownerPool.query("UPDATE case_letter SET body = 'changed' WHERE id = $1", [letter!.id]),
    ).rejects.toThrow(/record of letters sent/);
  });

  it("writes to the chosen parents only, on the date given, with the meeting details the invitation needs", async () => {
    const { kase, father } = await caseWithTwoParents();
    const missing = await caught(
      produceLetters(officer, { caseId: kase.id, version: 1, kind: "meeting_invitation", parentIds: [father.id] }),
    );
    expect((missing as ValidationError).fieldErrors).toEqual({
      meetingDate: ["Enter the meeting date: this letter states it"],
      meetingTime: ["Enter the meeting time: this letter states it"],
      meetingPlace: ["Enter where the meeting is: this letter states it"],
    });
    const sentOn = addDays(now, -2);
    const letters = await produceLetters(officer, {
      caseId: kase.id,
      version: 1,
      kind: "meeting_invitation",
      parentIds: father.id,
      sentOn,
      meetingDate: addDays(now, 7),
      meetingTime: "10:30am",
      meetingPlace: "Town Hall",
    });
    expect(letters).toEqual([expect.objectContaining({ parentId: father.id, sentOn, parentName: "Tomasz Wójcik" })]);
    const stored = await testDb.caseLetter.findFirstOrThrow({ where: { id: letters[0]!.id } });
    expect(stored.body).toContain("Time: 10:30am");
    expect(stored.body).toContain("Place: Town Hall");
    const event = await testDb.caseEvent.findFirstOrThrow({ where: { caseId: kase.id, kind: "letter" } });
    expect(event.note).toBe("Invitation to a meeting to Tomasz Wójcik");
  });

  it("refuses bad input with a message per field and saves nothing", async () => {
    const { kase, pupil } = await caseWithTwoParents();
    const stranger = await makeParent(testDb, { authority, pupil: await makePupil(testDb, { authority, school }) });
    const notParty = await makeParent(testDb, {
      authority,
      pupil,
      relationship: "carer",
      parentalResponsibility: false,
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ parentIds: [stranger.id] }, "parentIds"],
      [{ parentIds: [notParty.id] }, "parentIds"],
      [{ parentIds: "" }, "parentIds"],
      [{ sentOn: addDays(now, 1) }, "sentOn"],
      [{ sentOn: addDays(now, -31) }, "sentOn"],
      [{ sentOn: "2026-02-30" }, "sentOn"],
      [{ kind: "threat" }, "kind"],
      // the warning letter starts the window, and needs its target
      [{}, "minAttendancePct"],
      [{ minAttendancePct: "101" }, "minAttendancePct"],
    ];
    for (const [change, field] of cases) {
      const error = await caught(
        produceLetters(officer, { caseId: kase.id, version: 1, kind: "warning", ...change } as never),
      );
      expect(error, JSON.stringify(change)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fieldErrors[field], JSON.stringify(change)).toBeDefined();
    }
    expect(await testDb.caseLetter.count({ where: { caseId: kase.id } })).toBe(0);
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id, kind: "letter" } })).toBe(0);
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } })).version).toBe(1);
  });

  it("refuses a stale version and a closed case", async () => {
    const { kase } = await caseWithTwoParents({ window: true });
    await produceLetters(officer, { caseId: kase.id, version: 2, kind: "review" });
    const stale = await caught(produceLetters(officer, { caseId: kase.id, version: 2, kind: "review" }));
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).fieldErrors.version).toEqual([STALE_VERSION]);
    await closeCase(officer, { caseId: kase.id, version: 3, outcome: "other", reason: "Moved away" });
    await expect(produceLetters(officer, { caseId: kase.id, version: 4, kind: "review" })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await testDb.caseLetter.count({ where: { caseId: kase.id } })).toBe(2);
  });

  it("lets only the assigned officer or a manager produce letters; others get not found", async () => {
    const { kase } = await caseWithTwoParents({ window: true });
    await expect(produceLetters(secondOfficer, { caseId: kase.id, version: 2, kind: "review" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    for (const actor of [staff, admin])
      await expect(produceLetters(actor, { caseId: kase.id, version: 2, kind: "review" })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    await expect(produceLetters(otherOfficer, { caseId: kase.id, version: 2, kind: "review" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const [letter] = await produceLetters(manager, { caseId: kase.id, version: 2, kind: "review" });
    for (const actor of [staff, admin, otherOfficer]) {
      await expect(findCaseLetters(actor, kase.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getCaseLetterPdf(actor, kase.id, letter!.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    // a letter looked up under another case is not found either
    const { kase: otherCase } = await caseWithTwoParents();
    await expect(getCaseLetterPdf(officer, otherCase.id, letter!.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getCaseLetterPdf(officer, kase.id, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    // reading is for every officer of the authority, not only the assigned one
    expect(await findCaseLetters(secondOfficer, kase.id)).toMatchObject({ mayProduce: false, letters: [{}, {}] });
  });

  it("ties each letter to a party of its case in the database", async () => {
    const { kase } = await caseWithTwoParents();
    const { mother: otherMother } = await caseWithTwoParents();
    await expect(
      testDb.caseLetter.create({
        data: {
          caseId: kase.id,
          parentId: otherMother.id,
          authorityId: authority.id,
          productionId: crypto.randomUUID(),
          kind: "review",
          subject: "x",
          body: "y",
          sentOn: new Date(),
          producedBy: officer.id,
        },
      }),
    ).rejects.toThrow();
  });
});
