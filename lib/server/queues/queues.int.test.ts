import { beforeAll, describe, expect, it } from "vitest";
import { today } from "@/lib/env";
import { makeAuthority, makeCase, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { queriesSentBy } from "@/tests/count-queries";
import { makeActor, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError } from "../errors";
import { countQueues } from "./count-queues";
import { exportQueue } from "./export-queue";
import { findQueue, QUEUE_PAGE_SIZE } from "./find-queue";
import { loadQueues } from "./load-queues";
import { parseQueueFilters, type QueueFilters } from "./queue-filters";
import { searchCases } from "./search-cases";

// The service clock is fixed at Friday 20 November 2026 (tests/setup-integration.ts): its week is Monday 16 to
// Sunday 22 November, and "ending in the next 14 days" runs to Friday 4 December inclusive.
type Authority = { id: string; laCode: string };
type School = { id: string; estabNumber: string };

let authority: Authority;
let other: Authority;
let schoolA: School;
let schoolB: School;
let otherSchool: School;
let officer: Actor;
let secondOfficer: Actor;
let manager: Actor;
let admin: Actor;
let staff: Actor;
let otherOfficer: Actor;

const filters = (f: Partial<QueueFilters> = {}): QueueFilters => ({
  queue: "my-cases",
  school: "",
  officer: "",
  sort: "date",
  dir: "asc",
  page: 1,
  ...f,
});
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );

type WindowCase = {
  school?: School;
  by?: Actor;
  windowStart: string;
  windowEnd: string;
  status?: "window_active" | "decision_due";
  milestones?: { key: string; label: string; due: string }[];
  work?: { kind: "review" | "meeting" | "phone_call"; on: string }[];
  lastName?: string;
};

/** A case with a window, written directly (so the test chooses its exact dates), as startWindow would leave it. */
async function windowCase(w: WindowCase) {
  const by = w.by ?? officer;
  const pupil = await makePupil(testDb, { authority, school: w.school ?? schoolA, lastName: w.lastName });
  const kase = await makeCase(testDb, { authority, pupil, officer: { id: by.id }, openedOn: "2026-08-01" });
  const milestones = w.milestones ?? [{ key: "decision", label: "Decision", due: w.windowEnd }];
  await testDb.attendanceCase.update({
    where: { id: kase.id },
    data: {
      status: w.status ?? "window_active",
      windowStart: d(w.windowStart),
      windowEnd: d(w.windowEnd),
      targetMinAttendanceTenths: 900,
    },
  });
  await testDb.caseEvent.create({
    data: {
      caseId: kase.id,
      authorityId: authority.id,
      kind: "window_started",
      occurredOn: d(w.windowStart),
      actorUserId: by.id,
      details: { plan: { start: w.windowStart, countsFrom: w.windowStart, end: w.windowEnd, milestones } },
    },
  });
  for (const e of w.work ?? []) {
    await testDb.caseEvent.create({
      data: { caseId: kase.id, authorityId: authority.id, kind: e.kind, occurredOn: d(e.on), actorUserId: by.id },
    });
  }
  return { ...kase, pupil };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

let endsToday: { id: string };
let endsDay14: { id: string };
let endsDay15: { id: string };
let endedYesterday: { id: string };
let decisionDue: { id: string };
let reviewThisWeek: { id: string };
let reviewMet: { id: string };
let reviewMissed: { id: string };
let openNoWindow: { id: string; pupil: { upn: string; lastName: string } };
let secondOfficersCase: { id: string };
let closedCase: { id: string; pupil: { upn: string } };
let otherAuthorityCase: { id: string; pupil: { upn: string } };
let newFlag: { id: string };

beforeAll(async () => {
  expect(today()).toBe("2026-11-20");
  authority = await makeAuthority(testDb);
  other = await makeAuthority(testDb);
  schoolA = await makeSchool(testDb, authority, { name: "Alpha Primary" });
  schoolB = await makeSchool(testDb, authority, { name: "Beta Academy" });
  otherSchool = await makeSchool(testDb, other);
  officer = await makeActor({ authority, role: "officer", name: "Owen Officer" });
  secondOfficer = await makeActor({ authority, role: "officer", name: "Sue Second" });
  manager = await makeActor({ authority, role: "manager" });
  admin = await makeActor({ authority, role: "admin" });
  staff = await makeActor({ authority, role: "school", school: schoolA });
  otherOfficer = await makeActor({ authority: other, role: "officer" });

  const later = [{ key: "decision", label: "Decision", due: "2027-02-01" }];
  endsToday = await windowCase({ windowStart: "2026-09-01", windowEnd: "2026-11-20", lastName: "Aaron" });
  endsDay14 = await windowCase({
    windowStart: "2026-09-14",
    windowEnd: "2026-12-04",
    school: schoolB,
    lastName: "Baker",
  });
  endsDay15 = await windowCase({ windowStart: "2026-09-15", windowEnd: "2026-12-05", lastName: "Carter" });
  endedYesterday = await windowCase({ windowStart: "2026-08-31", windowEnd: "2026-11-19", lastName: "Dodd" });
  decisionDue = await windowCase({
    windowStart: "2026-08-24",
    windowEnd: "2026-11-15",
    status: "decision_due",
    lastName: "Ellis",
  });
  const review = (due: string) => [{ key: "review", label: "Review", due }, ...later];
  reviewThisWeek = await windowCase({
    windowStart: "2026-11-02",
    windowEnd: "2027-02-01",
    milestones: review("2026-11-22"),
    lastName: "Fox",
  });
  reviewMet = await windowCase({
    windowStart: "2026-11-02",
    windowEnd: "2027-02-01",
    milestones: review("2026-11-16"),
    work: [{ kind: "review", on: "2026-11-16" }],
    lastName: "Gray",
  });
  reviewMissed = await windowCase({
    windowStart: "2026-11-02",
    windowEnd: "2027-02-01",
    milestones: review("2026-11-16"),
    work: [{ kind: "phone_call", on: "2026-11-17" }],
    lastName: "Hart",
  });

  const pupil = await makePupil(testDb, { authority, school: schoolB, lastName: "Ingram" });
  openNoWindow = { ...(await makeCase(testDb, { authority, pupil, officer: { id: officer.id } })), pupil };
  const secondPupil = await makePupil(testDb, { authority, school: schoolA, lastName: "Jones" });
  secondOfficersCase = await makeCase(testDb, {
    authority,
    pupil: secondPupil,
    officer: { id: secondOfficer.id },
    openedOn: "2026-11-01",
  });
  const closedPupil = await makePupil(testDb, { authority, school: schoolA, lastName: "Kirk" });
  const closed = await makeCase(testDb, { authority, pupil: closedPupil, officer: { id: officer.id } });
  await testDb.attendanceCase.update({
    where: { id: closed.id },
    data: { status: "closed", closeOutcome: "improved", closeReason: "Attendance back to 97%" },
  });
  closedCase = { ...closed, pupil: closedPupil };

  const otherPupil = await makePupil(testDb, { authority: other, school: otherSchool });
  otherAuthorityCase = {
    ...(await makeCase(testDb, { authority: other, pupil: otherPupil, officer: { id: otherOfficer.id } })),
    pupil: otherPupil,
  };

  const flagged = await makePupil(testDb, { authority, school: schoolA, lastName: "Lamb" });
  newFlag = await testDb.caseFlag.create({
    data: {
      authorityId: authority.id,
      pupilId: flagged.id,
      schoolId: schoolA.id,
      flaggedBy: staff.id,
      reason: "Absent every Monday",
      figures: {},
      createdAt: new Date("2026-11-18T09:30:00Z"),
    },
  });
  const declinedPupil = await makePupil(testDb, { authority, school: schoolA });
  await testDb.caseFlag.create({
    data: {
      authorityId: authority.id,
      pupilId: declinedPupil.id,
      schoolId: schoolA.id,
      flaggedBy: staff.id,
      reason: "Late most days",
      figures: {},
      status: "declined",
      declineReason: "Lateness is for the school",
      decidedAt: new Date(),
      decidedBy: officer.id,
    },
  });
  const otherStaff = await makeUser(testDb, { authority: other, role: "school", school: otherSchool });
  await testDb.caseFlag.create({
    data: {
      authorityId: other.id,
      pupilId: otherPupil.id,
      schoolId: otherSchool.id,
      flaggedBy: otherStaff.id,
      reason: "Elsewhere",
      figures: {},
    },
  });
});

describe("who may see the queues", () => {
  it("refuses school staff and administrators, on every queue function", async () => {
    for (const actor of [staff, admin]) {
      expect(await caught(findQueue(actor, filters()))).toBeInstanceOf(ForbiddenError);
      expect(await caught(exportQueue(actor, filters({ queue: "flags" })))).toBeInstanceOf(ForbiddenError);
      expect(await caught(countQueues(actor))).toBeInstanceOf(ForbiddenError);
      expect(await caught(searchCases(actor, "Ingram"))).toBeInstanceOf(ForbiddenError);
    }
  });

  it("never shows another authority's cases or flags, either way round", async () => {
    for (const queue of ["my-cases", "flags"] as const) {
      const ours = await findQueue(manager, filters({ queue }));
      expect(ids(ours.rows)).not.toContain(otherAuthorityCase.id);
      const theirs = await findQueue(otherOfficer, filters({ queue, officer: "all" }));
      expect(theirs.total).toBe(1);
      expect(ids(theirs.rows)).not.toContain(newFlag.id);
      expect(ids(theirs.rows).some((id) => [endsToday.id, openNoWindow.id].includes(id))).toBe(false);
    }
    const result = await searchCases(officer, otherAuthorityCase.pupil.upn);
    expect(result).toMatchObject({ ok: true, total: 0 });
  });
});

describe("my cases", () => {
  it("an officer sees their own open cases by default, with the count", async () => {
    const page = await findQueue(officer, filters());
    expect(page.officerApplied).toBe(officer.id);
    expect(ids(page.rows)).toContain(openNoWindow.id);
    expect(ids(page.rows)).not.toContain(secondOfficersCase.id);
    expect(ids(page.rows)).not.toContain(closedCase.id);
    expect(page.counts["my-cases"]).toBe(9);
    expect(page.rows[0]).toMatchObject({ kind: "case", href: `/cases/${page.rows[0]!.id}` });
  });

  it("an officer may filter by another officer or everyone; a manager sees everyone's by default", async () => {
    expect(ids((await findQueue(officer, filters({ officer: secondOfficer.id }))).rows)).toEqual([
      secondOfficersCase.id,
    ]);
    expect((await findQueue(officer, filters({ officer: "all" }))).total).toBe(10);
    const managerView = await findQueue(manager, filters());
    expect(managerView.officerApplied).toBe("all");
    expect(managerView.total).toBe(10);
  });

  it("an officer id of another authority is reported and ignored", async () => {
    const page = await findQueue(officer, filters({ officer: otherOfficer.id }));
    expect(page.problems.map((p) => p.field)).toEqual(["officer"]);
    expect(page.officerApplied).toBe(officer.id);
  });
});

describe("windows ending in the next 14 days", () => {
  it("today and day 14 are in, day 15 and yesterday are out, sorted by the end date", async () => {
    const page = await findQueue(officer, filters({ queue: "ending-soon" }));
    expect(ids(page.rows)).toEqual([endsToday.id, endsDay14.id]);
    expect(page.rows.map((r) => r.day)).toEqual(["2026-11-20", "2026-12-04"]);
    expect(ids(page.rows)).not.toContain(endsDay15.id);
    expect(ids(page.rows)).not.toContain(endedYesterday.id);
    expect(ids(page.rows)).not.toContain(decisionDue.id);
  });

  it("filters by school", async () => {
    const page = await findQueue(officer, filters({ queue: "ending-soon", school: schoolB.id }));
    expect(ids(page.rows)).toEqual([endsDay14.id]);
    expect(page.counts["my-cases"]).toBe(2);
  });

  it("a school of another authority is reported and ignored", async () => {
    const page = await findQueue(officer, filters({ queue: "ending-soon", school: otherSchool.id }));
    expect(page.problems).toEqual([expect.objectContaining({ field: "school" })]);
    expect(page.total).toBe(2);
  });
});

describe("due this week and overdue", () => {
  it("due this week: an unmet milestone from Monday to Sunday (Sunday 22 November in), and a window ending this week", async () => {
    const page = await findQueue(officer, filters({ queue: "due-this-week" }));
    expect(ids(page.rows).sort()).toEqual([endsToday.id, endedYesterday.id, reviewMissed.id, reviewThisWeek.id].sort());
    expect(page.rows.find((r) => r.id === reviewThisWeek.id)?.items).toEqual([{ label: "Review", due: "2026-11-22" }]);
  });

  it("overdue: a missed review (a phone call does not count) and ended windows with no decision; a met review is not", async () => {
    const page = await findQueue(officer, filters({ queue: "overdue" }));
    expect(ids(page.rows)).toEqual([decisionDue.id, reviewMissed.id, endedYesterday.id]);
    expect(ids(page.rows)).not.toContain(reviewMet.id);
    expect(page.rows[0]!.items).toEqual([{ label: "Decision (the window has ended)", due: "2026-11-15" }]);
  });
});

describe("flags awaiting triage", () => {
  it("lists the new flags of the authority, linking to the triage page, and not the decided ones", async () => {
    const page = await findQueue(officer, filters({ queue: "flags" }));
    expect(ids(page.rows)).toEqual([newFlag.id]);
    expect(page.rows[0]).toMatchObject({
      kind: "flag",
      href: `/flags/${newFlag.id}`,
      school: "Alpha Primary",
      day: "2026-11-18",
    });
    expect((await findQueue(officer, filters({ queue: "flags", school: schoolB.id }))).total).toBe(0);
  });
});

describe("sorting, pages and the audit", () => {
  it("sorts by any column in either direction", async () => {
    const asc = await findQueue(officer, filters({ sort: "pupil", dir: "asc" }));
    expect(asc.rows.map((r) => r.pupil.split(",")[0])).toEqual([
      "Aaron",
      "Baker",
      "Carter",
      "Dodd",
      "Ellis",
      "Fox",
      "Gray",
      "Hart",
      "Ingram",
    ]);
    const desc = await findQueue(officer, filters({ sort: "pupil", dir: "desc" }));
    expect(ids(desc.rows)).toEqual(ids(asc.rows).reverse());
    const bySchool = await findQueue(officer, filters({ sort: "school", dir: "desc" }));
    expect(bySchool.rows[0]!.school).toBe("Beta Academy");
  });

  it("a page past the last shows the last page and says so", async () => {
    const page = await findQueue(officer, filters({ page: 3 }));
    expect(page.page).toBe(1);
    expect(page.problems[0]!.message).toContain("There is no page 3");
    expect(page.rows.length).toBeLessThanOrEqual(QUEUE_PAGE_SIZE);
  });

  it("writes one audit row per view and per download, with the filters", async () => {
    const count = (action: string) => testDb.auditLog.count({ where: { action, actorUserId: manager.id } });
    const [views, exports] = [await count("case.queue_view"), await count("case.queue_export")];
    await findQueue(manager, filters({ queue: "overdue", school: schoolA.id }));
    const exported = await exportQueue(manager, filters({ queue: "overdue" }));
    expect(exported.rows).toHaveLength(3);
    expect(await count("case.queue_view")).toBe(views + 1);
    expect(await count("case.queue_export")).toBe(exports + 1);
    const row = await testDb.auditLog.findFirstOrThrow({
      where: { action: "case.queue_view", actorUserId: manager.id },
      orderBy: { id: "desc" },
    });
    expect(row.detail).toMatchObject({ queue: "overdue", schoolId: schoolA.id });
  });

  it("counts every queue for the home page", async () => {
    expect(await countQueues(officer)).toEqual({
      "my-cases": 9,
      "due-this-week": 4,
      "ending-soon": 2,
      overdue: 3,
      flags: 1,
    });
  });
});

describe("URL filters", () => {
  it("reports each bad value with what is allowed, and uses the default", () => {
    const { filters: f, problems } = parseQueueFilters({
      queue: "everything",
      school: "x'; drop",
      officer: "bob",
      sort: "age",
      dir: "up",
      page: "-2",
    });
    expect(f).toEqual(filters());
    expect(problems.map((p) => p.field)).toEqual(["queue", "school", "officer", "sort", "dir", "page"]);
    expect(
      parseQueueFilters({ queue: "overdue", officer: "all", sort: "pupil", dir: "desc", page: "2" }).problems,
    ).toEqual([]);
  });
});

describe("find a case", () => {
  it("finds cases of any state by UPN or name words, and audits the search", async () => {
    const byUpn = await searchCases(officer, closedCase.pupil.upn.toLowerCase());
    expect(byUpn).toMatchObject({ ok: true, total: 1, cases: [{ id: closedCase.id, statusKey: "closed" }] });
    const byName = await searchCases(officer, "  ingram ");
    expect(byName.ok && byName.cases.map((c) => c.id)).toEqual([openNoWindow.id]);
    expect(
      await testDb.auditLog.count({
        where: { action: "case.search", actorUserId: officer.id, detail: { path: ["q"], equals: "ingram" } },
      }),
    ).toBe(1);
  });

  it("refuses a blank or over-long search with a message", async () => {
    expect(await searchCases(officer, "   ")).toEqual({ ok: false, message: "Enter a pupil's name or UPN" });
    expect(await searchCases(officer, "x".repeat(101))).toMatchObject({ ok: false });
  });
});

describe("an officer's own counts, and on track at a glance (issue 15)", () => {
  it("holds only the officer's own cases in every case queue, and on the home counts, unless they choose all officers", async () => {
    const theirs = await windowCase({
      by: secondOfficer,
      windowStart: "2026-09-02",
      windowEnd: "2026-11-25",
      lastName: "Zeller",
    });
    const mine = await findQueue(officer, filters({ queue: "ending-soon" }));
    expect(mine.officerApplied).toBe(officer.id);
    expect(ids(mine.rows)).not.toContain(theirs.id);
    expect(ids((await findQueue(officer, filters({ queue: "ending-soon", officer: "all" }))).rows)).toContain(
      theirs.id,
    );
    expect(ids((await findQueue(manager, filters({ queue: "ending-soon" }))).rows)).toContain(theirs.id);
    expect((await countQueues(officer))["ending-soon"]).toBe(mine.total);
    // The triage queue has no officer: an officer sees every flag.
    expect((await findQueue(officer, filters({ queue: "flags" }))).officerApplied).toBe("all");
  });

  it("gives every case row with a window its attendance so far, target and verdict, and none without a window", async () => {
    const page = await findQueue(officer, filters({ officer: "all" }));
    const withWindow = page.rows.find((r) => r.id === endsDay14.id)!;
    expect(withWindow.onTrack).toMatchObject({
      attendancePct: null,
      target: { minAttendancePct: 90, maxUnauthorisedSessions: null },
      // No marks and no term calendar in this authority: nothing can be judged.
      verdict: "not_known",
    });
    expect(page.rows.find((r) => r.id === openNoWindow.id)!.onTrack).toBeNull();
  });
});

describe("the pupil's school in the queues (read through the pg pool, ADR 080)", () => {
  let la: Authority;
  let alpha: School;
  let beta: School;
  let owner: Actor;
  const enrol = (pupilId: string, school: School, startDate: string, endDate: string | null) =>
    testDb.enrolment.create({
      data: {
        authorityId: la.id,
        pupilId,
        schoolId: school.id,
        startDate: d(startDate),
        endDate: endDate ? d(endDate) : null,
        yearGroup: "7",
      },
    });
  const caseFor = async (lastName: string, school: School, enrolledOn: string, leftOn: string | null) => {
    const pupil = await makePupil(testDb, { authority: la, school, lastName, enrolledOn, leftOn: leftOn ?? undefined });
    const kase = await makeCase(testDb, { authority: la, pupil, officer: { id: owner.id } });
    return { pupil, kase };
  };

  beforeAll(async () => {
    la = await makeAuthority(testDb);
    alpha = await makeSchool(testDb, la, { name: "Alpha Primary" });
    beta = await makeSchool(testDb, la, { name: "Beta Academy" });
    owner = await makeActor({ authority: la, role: "officer" });
  });

  it("is the school of the enrolment current today, else of the latest one", async () => {
    // Moved schools: the ended enrolment at Alpha, the current one at Beta.
    const moved = await caseFor("Moved", alpha, "2024-09-01", "2026-07-20");
    await enrol(moved.pupil.id, beta, "2026-09-01", null);
    // Left both: the latest (Beta) names the school.
    const left = await caseFor("Left", alpha, "2024-09-01", "2025-07-20");
    await enrol(left.pupil.id, beta, "2025-09-01", "2026-07-20");
    // Starts at Beta next month: today's enrolment (Alpha) names it, though Beta's starts later.
    const starting = await caseFor("Starting", alpha, "2025-09-01", null);
    await enrol(starting.pupil.id, beta, "2026-12-01", null);

    const queue = await findQueue(owner, filters());
    const schoolOf = (id: string) => queue.rows.find((r) => r.id === id)?.school;
    expect(schoolOf(moved.kase.id)).toBe("Beta Academy");
    expect(schoolOf(left.kase.id)).toBe("Beta Academy");
    expect(schoolOf(starting.kase.id)).toBe("Alpha Primary");
    expect(ids((await findQueue(owner, filters({ school: beta.id }))).rows).sort()).toEqual(
      [moved.kase.id, left.kase.id].sort(),
    );
    expect(queue.schools.map((s) => s.name)).toEqual(["Alpha Primary", "Beta Academy"]);
  });

  it("reads every queue in six statements, however many cases", async () => {
    await findQueue(owner, filters());
    const sent = await queriesSentBy(() => loadQueues(owner, filters()));
    expect(sent).toHaveLength(6);
  });
});
