// Integration tests for the server functions behind the casework pages: sibling links, the case page's window
// progress, the start-window preview, the officer list and the window settings read.
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WINDOW_SETTINGS } from "@/lib/domain/fast-track-window";
import { today } from "@/lib/env";
import { makeAuthority, makeCalendar, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { importRegisterCsv } from "../attendance/import-register";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { acceptFlag } from "../flags/accept-flag";
import { flagPupil } from "../flags/flag-pupil";
import { closeCase } from "./close-case";
import { findOfficers } from "./find-officers";
import { findCaseLetters } from "../letters/find-case-letters";
import { findCasePenaltyNotices } from "../penalty-notices/find-case-penalty-notices";
import { findCaseReferrals } from "../referrals/find-case-referrals";
import { queriesSentBy } from "@/tests/count-queries";
import { CASE_VIEW_COVERS } from "./get-case";
import { getCasePage } from "./get-case-page";
import { getWindowSettings } from "./get-window-settings";
import { linkSiblings } from "./link-siblings";
import { openCase } from "./open-case";
import { previewWindow } from "./preview-window";
import { setWindowSettings } from "./set-window-settings";
import { startWindow } from "./start-window";

type Authority = { id: string; laCode: string };
type School = { id: string; estabNumber: string };

let authority: Authority;
let school: School;
let officer: Actor;
let secondOfficer: Actor;
let manager: Actor;
let admin: Actor;
let staff: Actor;
let otherOfficer: Actor;
let otherAdmin: Actor;

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
const newPupil = () => makePupil(testDb, { authority, school });

/** Two pupils who share a parent (the second linked to the first one's parent). */
async function siblings() {
  const first = await newPupil();
  const second = await newPupil();
  const parent = await makeParent(testDb, { authority, pupil: first });
  await testDb.pupilParent.create({
    data: {
      pupilId: second.id,
      parentId: parent.id,
      authorityId: authority.id,
      relationship: "mother",
      parentalResponsibility: true,
      livesWithPupil: true,
    },
  });
  return { first, second, parent };
}

const linksOf = (caseId: string) => testDb.caseLink.findMany({ where: { OR: [{ caseId }, { linkedCaseId: caseId }] } });

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  await makeCalendar(testDb, authority);
  school = await makeSchool(testDb, authority);
  officer = await makeActor({ authority, role: "officer" });
  secondOfficer = await makeActor({ authority, role: "officer" });
  manager = await makeActor({ authority, role: "manager" });
  admin = await makeActor({ authority, role: "admin" });
  staff = await makeActor({ authority, role: "school", school });
  otherOfficer = await makeActor({ authority: other, role: "officer" });
  otherAdmin = await makeActor({ authority: other, role: "admin" });
});

describe("linkSiblings", () => {
  it("links a case when it opens to the open case of a pupil who shares a parent, once, smaller id first, audited", async () => {
    const { first, second } = await siblings();
    const a = await openCase(officer, { pupilId: first.id });
    expect(await linksOf(a.id)).toHaveLength(0);
    const b = await openCase(officer, { pupilId: second.id });
    const links = await linksOf(a.id);
    expect(links).toHaveLength(1);
    const [lo, hi] = [a.id, b.id].sort();
    expect(links[0]).toMatchObject({ caseId: lo, linkedCaseId: hi, authorityId: authority.id, createdBy: officer.id });
    expect(await testDb.auditLog.count({ where: { action: "case.link_siblings", entityId: b.id } })).toBe(1);

    // Both case pages show the other as a sibling.
    expect((await getCasePage(officer, a.id)).linkedCases.map((l) => l.id)).toEqual([b.id]);
    expect((await getCasePage(officer, b.id)).linkedCases.map((l) => l.id)).toEqual([a.id]);
    expect((await getCasePage(officer, a.id)).linkedCases).toEqual([
      { id: b.id, status: "open", pupilName: `${second.firstName} ${second.lastName}` },
    ]);

    // On demand again: nothing new, no duplicate, no audit row.
    expect(await linkSiblings(officer, a.id)).toEqual([]);
    expect(await linksOf(a.id)).toHaveLength(1);
    expect(await testDb.auditLog.count({ where: { action: "case.link_siblings", entityId: a.id } })).toBe(0);
  });

  it("links a case opened by accepting a school's flag", async () => {
    const { first, second } = await siblings();
    const a = await openCase(officer, { pupilId: first.id });
    const flag = await flagPupil(staff, {
      pupilId: second.id,
      reason: "Rarely in school",
      triedMeeting: true,
      triedAttendanceContract: false,
      triedEarlyHelp: false,
    });
    const { case: b } = await acceptFlag(officer, { flagId: flag.id });
    expect((await linksOf(b.id)).map((l) => [l.caseId, l.linkedCaseId].sort())).toEqual([[a.id, b.id].sort()]);
  });

  it("does not link closed cases or pupils who share no parent; links on demand once a sibling's case exists", async () => {
    const { first, second } = await siblings();
    const stranger = await newPupil();
    await makeParent(testDb, { authority, pupil: stranger });
    const closed = await openCase(officer, { pupilId: first.id });
    await closeCase(officer, { caseId: closed.id, version: 1, outcome: "improved", reason: "Attending well" });
    const unrelated = await openCase(officer, { pupilId: stranger.id });
    const b = await openCase(officer, { pupilId: second.id });
    expect(await linksOf(b.id)).toHaveLength(0);
    expect(await linksOf(unrelated.id)).toHaveLength(0);

    // A link made on demand (for example after a parent was added to the record).
    await testDb.pupilParent.create({
      data: {
        pupilId: stranger.id,
        parentId: (await testDb.pupilParent.findFirstOrThrow({ where: { pupilId: second.id } })).parentId,
        authorityId: authority.id,
        relationship: "father",
        parentalResponsibility: true,
        livesWithPupil: false,
      },
    });
    expect(await linkSiblings(manager, b.id)).toEqual([unrelated.id]);
    expect(await linksOf(b.id)).toHaveLength(1);
  });

  it("refuses school staff and administrators, and is not found for another authority's officer", async () => {
    const kase = await openCase(officer, { pupilId: (await newPupil()).id });
    expect(await caught(linkSiblings(staff, kase.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(linkSiblings(admin, kase.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(linkSiblings(otherOfficer, kase.id))).toBeInstanceOf(NotFoundError);
    expect(await caught(linkSiblings(officer, "not-a-case"))).toBeInstanceOf(NotFoundError);
    // Like every change to a case: only its officer or a manager, and not once it is closed.
    expect(await caught(linkSiblings(secondOfficer, kase.id))).toBeInstanceOf(ForbiddenError);
    await closeCase(officer, { caseId: kase.id, version: 1, outcome: "other", reason: "Opened in error" });
    expect(await caught(linkSiblings(officer, kase.id))).toBeInstanceOf(ValidationError);
    expect(await testDb.auditLog.count({ where: { action: "case.link_siblings", entityId: kase.id } })).toBe(0);
  });
});

describe("getCasePage", () => {
  it("shows the school, the parties' addresses, phones and emails, and who may change the case", async () => {
    const pupil = await newPupil();
    const parent = await makeParent(testDb, { authority, pupil });
    await testDb.parent.update({ where: { id: parent.id }, data: { phone: "01325 123456", email: "p@example.com" } });
    const kase = await openCase(officer, { pupilId: pupil.id });
    const page = await getCasePage(officer, kase.id);
    expect(page.school?.id).toBe(school.id);
    expect(page.partiesWithAddress).toEqual([
      expect.objectContaining({
        id: parent.id,
        address: ["1 Test Street", "Darlington", "DL1 1AA"],
        phone: "01325 123456",
        email: "p@example.com",
      }),
    ]);
    expect(page.windowProgress).toBeNull();
    expect(page.mayChange).toBe(true);
    expect((await getCasePage(secondOfficer, kase.id)).mayChange).toBe(false);
    expect((await getCasePage(manager, kase.id)).mayChange).toBe(true);
    expect(await testDb.auditLog.count({ where: { action: "case.view", entityId: kase.id } })).toBe(3);
  });

  it("reads the case page's own figures in few statements (ADR 079: a regression shows here)", async () => {
    const pupil = await newPupil();
    await makeParent(testDb, { authority, pupil });
    const kase = await openCase(officer, { pupilId: pupil.id });
    await getCasePage(officer, kase.id); // the pools' connections open
    // Outside a render nothing is shared (React's cache()): the case, its own rows (timeline, flags, siblings), the
    // pupil, the parents, the users, the audit row, the school, the parents again. With no window, nothing more.
    const sent = await queriesSentBy(() => getCasePage(officer, kase.id));
    expect(sent).toHaveLength(8);
    expect(sent.filter((q) => q.startsWith("INSERT INTO audit_log"))).toHaveLength(1);
    // The sections: the referrals in one statement (with their hearings and outcomes, and the parents); the
    // penalty notices' threshold and each parent's counted notices in one each.
    expect(await queriesSentBy(() => findCaseReferrals(officer, kase.id, CASE_VIEW_COVERS))).toHaveLength(2);
    const notices = await queriesSentBy(() => findCasePenaltyNotices(officer, kase.id, CASE_VIEW_COVERS));
    expect(notices.filter((q) => /school_week/.test(q))).toHaveLength(1);
    expect(notices.filter((q) => /penalty_notice_counting/.test(q))).toHaveLength(1);
    // Only the case's own read (its scope builder) goes through Prisma; the notices, the threshold, the counted
    // notices, the pupil and the parents through pg (ADR 084). Prisma's SQL names its tables "public"."…".
    expect(notices).toHaveLength(6);
    expect(notices.filter((q) => q.includes('"public".'))).toHaveLength(1);
  });

  it("one audit row per view: the case page's case.view records the letters, referrals and penalty notices it shows, which write none of their own there (and do elsewhere)", async () => {
    const pupil = await newPupil();
    await makeParent(testDb, { authority, pupil });
    const kase = await openCase(officer, { pupilId: pupil.id });
    const rows = () =>
      testDb.auditLog.findMany({
        where: { authorityId: authority.id, entityId: kase.id, action: { not: "case.open" } },
        orderBy: { chainSeq: "asc" },
        select: { action: true, detail: true },
      });
    // As the case page reads them: the page first, then its sections with CASE_VIEW_COVERS.
    await getCasePage(officer, kase.id);
    await findCaseLetters(officer, kase.id, CASE_VIEW_COVERS);
    await findCaseReferrals(officer, kase.id, CASE_VIEW_COVERS);
    await findCasePenaltyNotices(officer, kase.id, CASE_VIEW_COVERS);
    expect(await rows()).toEqual([
      { action: "case.view", detail: { via: "page", shows: ["decision", "letters", "referrals", "penalty_notices"] } },
    ]);
    // Read on their own (the new penalty notice page, the letters API), each read is its own row.
    await findCaseLetters(officer, kase.id);
    await findCasePenaltyNotices(officer, kase.id);
    expect((await rows()).map((r) => r.action)).toEqual(["case.view", "case_letter.list", "penalty_notice.list"]);
  });

  it("is not found for school staff, administrators and another authority's officer", async () => {
    const kase = await openCase(officer, { pupilId: (await newPupil()).id });
    for (const actor of [staff, admin, otherOfficer]) {
      expect(await caught(getCasePage(actor, kase.id))).toBeInstanceOf(NotFoundError);
    }
  });

  it("shows the window as planned at its start and live progress against the target from the register", async () => {
    const pupil = await newPupil();
    const kase = await openCase(officer, { pupilId: pupil.id, openedOn: "2026-11-02" });
    await startWindow(officer, {
      caseId: kase.id,
      version: 1,
      startDate: "2026-11-09",
      minAttendancePct: "90",
      maxUnauthorisedSessions: "4",
    });
    // Nine school days from Monday 9 to Thursday 19 November: 14 sessions present, 4 unauthorised (N).
    const lines = ["upn,date,session,code"];
    const days = [
      "2026-11-09",
      "2026-11-10",
      "2026-11-11",
      "2026-11-12",
      "2026-11-13",
      "2026-11-16",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
    ];
    days.forEach((d, i) => {
      const code = i < 2 ? "N" : "/";
      lines.push(`${pupil.upn},${d},AM,${code}`, `${pupil.upn},${d},PM,${code}`);
    });
    await importRegisterCsv({ actor: staff, input: Readable.from([lines.join("\n")]) });

    const page = await getCasePage(officer, kase.id);
    const w = page.windowProgress!;
    expect(today()).toBe("2026-11-20");
    expect(w.planAsStarted).toBe(true);
    expect(w.plan.start).toBe("2026-11-09");
    expect(w.plan.end).toBe(page.window!.end);
    expect(w.plan.milestones.map((m) => m.key)).toEqual(["action_plan", "review", "decision"]);
    expect(w.plan.milestones.at(-1)!.due).toBe(w.plan.end);
    expect(w.ended).toBe(false);
    expect(w.asOf).toBe("2026-11-20");
    expect(w.counts).toMatchObject({ possible: 18, present: 14, unauthorised: 4 });
    expect(w.attendancePct).toBe(77.8);
    expect(w.sessionsRemaining).toBeGreaterThan(0);
    expect(w.progress).toMatchObject({ canStillBeMet: true, unauthorisedAllowance: 0 });
    expect(w.evaluation).toBeNull();
  });
});

describe("previewWindow", () => {
  it("plans the window as startWindow will, without saving anything", async () => {
    const kase = await openCase(officer, { pupilId: (await newPupil()).id, openedOn: "2026-11-02" });
    const preview = await previewWindow(officer, { caseId: kase.id, startDate: "2026-11-09" });
    expect(preview.ok).toBe(true);
    const started = await startWindow(officer, {
      caseId: kase.id,
      version: 1,
      startDate: "2026-11-09",
      minAttendancePct: "90",
      maxUnauthorisedSessions: "",
    });
    if (!preview.ok) throw new Error("no preview");
    expect(preview.plan.end).toBe(started.windowEnd!.toISOString().slice(0, 10));
    expect(preview.lengthWeeks).toBe(DEFAULT_WINDOW_SETTINGS.lengthWeeks);
  });

  it("says what is wrong with a date that is not real or a window past the calendar", async () => {
    const kase = await openCase(officer, { pupilId: (await newPupil()).id });
    expect(await previewWindow(officer, { caseId: kase.id, startDate: "2026-02-30" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("real date"),
    });
    expect(await previewWindow(officer, { caseId: kase.id, startDate: "2027-07-01" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("2027/28"),
    });
  });

  it("refuses school staff and administrators; another authority's case is not found", async () => {
    const kase = await openCase(officer, { pupilId: (await newPupil()).id });
    expect(await caught(previewWindow(staff, { caseId: kase.id, startDate: "2026-11-09" }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await caught(previewWindow(admin, { caseId: kase.id, startDate: "2026-11-09" }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await caught(previewWindow(otherOfficer, { caseId: kase.id, startDate: "2026-11-09" }))).toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("findOfficers", () => {
  it("lists the authority's enabled officers only, for officers and managers", async () => {
    const disabled = await makeUser(testDb, { authority, role: "officer" });
    await testDb.appUser.update({ where: { id: disabled.id }, data: { disabled: true } });
    const ids = (await findOfficers(manager)).map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining([officer.id, secondOfficer.id]));
    expect(ids).not.toContain(disabled.id);
    expect(ids).not.toContain(manager.id);
    expect(ids).not.toContain(otherOfficer.id);
    expect(await caught(findOfficers(staff))).toBeInstanceOf(ForbiddenError);
    expect(await caught(findOfficers(admin))).toBeInstanceOf(ForbiddenError);
  });
});

describe("getWindowSettings", () => {
  it("gives administrators their own authority's settings (the defaults until set), and refuses everyone else", async () => {
    expect(await getWindowSettings(otherAdmin)).toEqual(DEFAULT_WINDOW_SETTINGS);
    const settings = {
      lengthWeeks: 10,
      milestones: [
        { key: "review" as const, label: "Review", week: 5 },
        { key: "decision" as const, label: "Decision", week: 10 },
      ],
    };
    await setWindowSettings(otherAdmin, settings);
    expect(await getWindowSettings(otherAdmin)).toEqual(settings);
    expect(await getWindowSettings(admin)).toEqual(DEFAULT_WINDOW_SETTINGS);
    for (const actor of [officer, manager, staff])
      expect(await caught(getWindowSettings(actor))).toBeInstanceOf(ForbiddenError);
  });
});
