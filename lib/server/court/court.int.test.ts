// Court records that follow the hearings (issue 15, section 6): hearings on weekdays (a Saturday once confirmed,
// never a Sunday) at a time and a court from the authority's list; an outcome belongs to a hearing and is dated on
// or after it; the upcoming and awaiting-outcome lists; corrections with a reason that keep the original in the
// audit log. Each rule is checked on the server and, with raw SQL, in the database.
import { beforeAll, describe, expect, it } from "vitest";
import { makeAuthority, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { actorFor, rawPool, testDb } from "@/tests/db";
import type { Offence } from "@/lib/domain/sentencing";
import type { Actor } from "../actor";
import { addCaseEvent } from "../cases/add-case-event";
import { correctCaseEvent } from "../cases/correct-case-event";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { approveReferral } from "../referrals/approve-referral";
import { COMPLETE_CHECKLIST, makeReferredCase } from "../referrals/test-factories";
import { addHearing } from "./add-hearing";
import { correctOutcome } from "./correct-outcome";
import { findCourts } from "./find-courts";
import { findHearings } from "./find-hearings";
import { parseHearingFilters, type HearingFilters } from "./hearing-filters";
import { recordOutcome } from "./record-outcome";
import { findCaseReferrals } from "../referrals/find-case-referrals";
import { getReferral } from "../referrals/get-referral";
import { addCourt, setCourtActive } from "./save-court";

// The clock: Friday 20 November 2026.
let authority: { id: string; laCode: string };
let school: { id: string; estabNumber: string };
let manager: Actor;
let officer: Actor;
let admin: Actor;
let otherManager: Actor;
let teesside: { id: string };
let aycliffe: { id: string };
let otherCourt: { id: string };

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
const fields = (e: unknown) => (e as ValidationError).fieldErrors;
/** Rules that only a trigger names (RAISE … USING CONSTRAINT): Citus passes a worker's error on without its
 * constraint field, so there they are known by their message and SQLSTATE 23514 (ADR 072). */
const TRIGGER_RULES: [RegExp, string][] = [
  [/never change|is recorded as a correction/, "case_event_changes_are_corrections"],
];
const rawError = (p: Promise<unknown>) =>
  p.then(
    () => null,
    // Citus passes a worker's error on without its constraint field, but with the (shard's) name in the message.
    (e: { constraint?: string; code?: string; message?: string }) =>
      e.constraint ??
      /constraint "([a-z_]+?)(?:_\d+)?"/.exec(e.message ?? "")?.[1] ??
      (e.code === "23514" ? TRIGGER_RULES.find(([m]) => m.test(e.message ?? ""))?.[1] : undefined) ??
      e.message,
  );

/** A referral approved on `approvedOn` (the approval's timestamp is moved there, as if decided that day). */
async function approvedOn(approvedOnDay = "2026-11-20", parents = 1, offence: Offence = "s444(1)") {
  const pupil = await makePupil(testDb, { authority, school });
  const ps = [];
  for (let i = 0; i < parents; i++) ps.push(await makeParent(testDb, { authority, pupil }));
  const f = await makeReferredCase(testDb, { authority, pupil, officer, parentIds: ps.map((p) => p.id) });
  const referral = f.referrals[0]!;
  await approveReferral(manager, {
    referralId: referral.id,
    version: 1,
    offence,
    ...COMPLETE_CHECKLIST,
    defencesConsidered: [...COMPLETE_CHECKLIST.defencesConsidered],
  });
  await testDb.prosecutionReferral.update({
    where: { id: referral.id },
    data: { reviewedAt: new Date(`${approvedOnDay}T09:00:00Z`) },
  });
  return { ...f, referral, pupil };
}

const hearing = (referralId: string, extra: Record<string, unknown> = {}) =>
  addHearing(manager, {
    referralId,
    hearingDate: "2026-11-23",
    hearingTime: "10am",
    courtId: teesside.id,
    hearingType: "first_hearing",
    ...extra,
  });

const withdrawn = {
  plea: "none" as const,
  verdict: "withdrawn" as const,
  sentences: [],
  costsPence: 0,
  victimSurchargePence: 0,
};
const fined = (amountPence: number) => ({
  plea: "guilty" as const,
  verdict: "guilty" as const,
  sentences: [{ type: "fine" as const, amountPence }],
  costsPence: 5000,
  victimSurchargePence: 2000,
});

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  school = await makeSchool(testDb, authority);
  manager = await actorFor((await makeUser(testDb, { authority, role: "manager" })).id);
  officer = await actorFor((await makeUser(testDb, { authority, role: "officer" })).id);
  admin = await actorFor((await makeUser(testDb, { authority, role: "admin" })).id);
  otherManager = await actorFor((await makeUser(testDb, { authority: other, role: "manager" })).id);
  const otherAdmin = await actorFor((await makeUser(testDb, { authority: other, role: "admin" })).id);
  teesside = await addCourt(admin, { name: "Teesside Magistrates' Court", address: "Victoria Square, Middlesbrough" });
  aycliffe = await addCourt(admin, { name: "Newton Aycliffe Magistrates' Court" });
  otherCourt = await addCourt(otherAdmin, { name: "Teesside Magistrates' Court" });
});

describe("the authority's list of courts", () => {
  it("is kept by administrators: names are unique whatever their case; a retired court leaves the list", async () => {
    const dup = await caught(addCourt(admin, { name: "  teesside magistrates' court " }));
    expect(fields(dup).name).toEqual(["The authority's list already has a court with this name"]);
    expect(await caught(addCourt(manager, { name: "Hartlepool Magistrates' Court" }))).toBeInstanceOf(ForbiddenError);
    const retired = await addCourt(admin, { name: "Old Court" });
    await setCourtActive(admin, { courtId: retired.id, active: "false" });
    expect((await findCourts(manager)).map((c) => c.name)).toEqual([
      "Newton Aycliffe Magistrates' Court",
      "Teesside Magistrates' Court",
    ]);
    expect((await findCourts(admin, { includeRetired: true })).map((c) => c.name)).toContain("Old Court");
    const { referral } = await approvedOn();
    const e = await caught(hearing(referral.id, { courtId: retired.id }));
    expect(fields(e).courtId).toEqual(["Select a court from the authority's list"]);
    const foreign = await caught(hearing(referral.id, { courtId: otherCourt.id }));
    expect(fields(foreign).courtId).toEqual(["Select a court from the authority's list"]);
    expect(await caught(setCourtActive(admin, { courtId: otherCourt.id, active: "false" }))).toBeInstanceOf(
      NotFoundError,
    );
  });
});

describe("hearings: a time, a court, and a weekday", () => {
  it("records the time and the court, named as on the list", async () => {
    const { referral } = await approvedOn();
    const saved = await hearing(referral.id, { hearingTime: "2:15pm", courtId: aycliffe.id });
    expect(saved).toMatchObject({
      hearingTime: "14:15",
      courtId: aycliffe.id,
      courtName: "Newton Aycliffe Magistrates' Court",
    });
    const entry = await testDb.caseEvent.findFirstOrThrow({
      where: { kind: "hearing", details: { path: ["hearingId"], equals: saved.id } },
    });
    expect(entry.note).toBe("First hearing at Newton Aycliffe Magistrates' Court on 23 November 2026 at 2:15pm");
  });

  it("refuses a Sunday, asks to confirm a Saturday, and refuses a time outside court hours", async () => {
    const { referral } = await approvedOn();
    const sunday = await caught(hearing(referral.id, { hearingDate: "2026-11-29" }));
    expect(fields(sunday).hearingDate).toEqual([
      "29 November 2026 is a Sunday: magistrates' courts do not sit on Sundays. Enter the date of the hearing",
    ]);
    const saturday = await caught(hearing(referral.id, { hearingDate: "2026-11-28" }));
    expect(fields(saturday).saturdayConfirmed?.[0]).toMatch(/is a Saturday: confirm that the court is sitting/);
    const night = await caught(hearing(referral.id, { hearingTime: "9pm" }));
    expect(fields(night).hearingTime).toEqual(["Enter a time when courts sit, between 8am and 6pm"]);
    const noTime = await caught(hearing(referral.id, { hearingTime: "" }));
    expect(fields(noTime).hearingTime).toEqual(["Enter the time of the hearing, like 10am or 2:15pm"]);
    expect(await testDb.courtHearing.count({ where: { referralId: referral.id } })).toBe(0);
    const confirmed = await hearing(referral.id, { hearingDate: "28/11/2026", saturdayConfirmed: "true" });
    expect(confirmed.saturdayConfirmed).toBe(true);
  });

  it("the database refuses a Sunday, an unconfirmed Saturday, and a hearing without a court or time", async () => {
    const { referral } = await approvedOn();
    const insert = (date: string, extra = "", values: unknown[] = []) =>
      rawError(
        rawPool.query(
          `INSERT INTO court_hearing (authority_id, referral_id, hearing_date, court_name, hearing_type, created_by${extra ? `, ${extra}` : ""})
           VALUES ($1, $2, $3, 'Court', 'trial', $4${values.map((_, i) => `, $${i + 5}`).join("")})`,
          [authority.id, referral.id, date, manager.id, ...values],
        ),
      );
    expect(await insert("2026-11-29", "court_id, hearing_time", [teesside.id, "10:00"])).toBe(
      "court_hearing_on_a_weekday",
    );
    expect(await insert("2026-11-28", "court_id, hearing_time", [teesside.id, "10:00"])).toBe(
      "court_hearing_on_a_weekday",
    );
    expect(await insert("2026-11-27", "court_id, hearing_time, saturday_confirmed", [teesside.id, "10:00", true])).toBe(
      "court_hearing_saturday_confirmed_only_on_saturday",
    );
    expect(await insert("2026-11-27")).toBe("court_hearing_has_court_and_time");
    expect(await insert("2026-11-27", "court_id, hearing_time", [teesside.id, "21:00"])).toBe(
      "court_hearing_time_of_day",
    );
    expect(await insert("2026-11-27", "court_id, hearing_time", [otherCourt.id, "10:00"])).toBe(
      "court_hearing_court_fk",
    );
    expect(
      await insert("2026-11-28", "court_id, hearing_time, saturday_confirmed", [teesside.id, "10:00", true]),
    ).toBeNull();
  });
});

describe("an outcome belongs to a hearing and is dated on or after it", () => {
  it("refuses an outcome for a hearing still to come (the review finding) and one before any hearing", async () => {
    const { referral } = await approvedOn();
    expect(fields(await caught(recordOutcome(manager, referral.id, withdrawn))).hearingId).toEqual([
      "Record the hearing that decided the outcome first",
    ]);
    const listed = await hearing(referral.id, { hearingDate: "2026-12-18" });
    const e = await caught(recordOutcome(manager, referral.id, { ...withdrawn, hearingId: listed.id }));
    expect(fields(e).hearingId).toEqual([
      "The hearing on 18 December 2026 has not taken place yet: record the outcome once it has",
    ]);
    expect(await testDb.courtOutcome.count({ where: { referralId: referral.id } })).toBe(0);
  });

  it("dates the outcome and its timeline entry by the hearing, never before it or in the future, never at an adjourned hearing", async () => {
    const { referral, kase } = await approvedOn("2026-11-02");
    const adjourned = await hearing(referral.id, {
      hearingDate: "2026-11-09",
      adjourned: "true",
      adjournmentReason: "The parent asked for time to find a solicitor",
    });
    const trial = await hearing(referral.id, { hearingDate: "2026-11-16", hearingType: "trial" });
    expect(
      fields(await caught(recordOutcome(manager, referral.id, { ...withdrawn, hearingId: adjourned.id })))
        .hearingId?.[0],
    ).toMatch(/was adjourned/);
    expect(
      fields(
        await caught(
          recordOutcome(manager, referral.id, { ...withdrawn, hearingId: trial.id, decidedOn: "2026-11-13" }),
        ),
      ).decidedOn,
    ).toEqual(["The outcome must be dated on or after the hearing on 16 November 2026"]);
    expect(
      fields(
        await caught(
          recordOutcome(manager, referral.id, { ...withdrawn, hearingId: trial.id, decidedOn: "2026-11-21" }),
        ),
      ).decidedOn?.[0],
    ).toMatch(/cannot be in the future/);
    // By default: the latest hearing that took place and was not adjourned, on its day.
    const saved = await recordOutcome(manager, referral.id, fined(20_000));
    expect(saved).toMatchObject({ hearingId: trial.id });
    expect(saved.decidedOn?.toISOString().slice(0, 10)).toBe("2026-11-16");
    const entry = await testDb.caseEvent.findFirstOrThrow({ where: { caseId: kase.id, kind: "court_outcome" } });
    expect(entry.occurredOn.toISOString().slice(0, 10)).toBe("2026-11-16");
    expect(entry.note).toContain("(hearing on 16 November 2026)");
    // The case page's referrals section (one statement, ADR 079): the hearings by date, the outcome and its fine.
    const [shown] = await findCaseReferrals(manager, kase.id);
    expect(shown).toMatchObject({
      id: referral.id,
      hearings: [
        { id: adjourned.id, date: "2026-11-09", adjourned: true },
        { id: trial.id, date: "2026-11-16", type: "trial", adjourned: false },
      ],
      outcome: { plea: "guilty", sentences: [{ type: "fine", amountPence: 20_000, days: null }] },
    });
    expect(shown!.createdOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(shown!.parentName).not.toBe("");
  });

  it("shows an outcome's sentences in the sentence types' order, whatever order they were entered and stored in", async () => {
    // Entered community order first; stored and keyed (by type) with it first too: shown fine first.
    const { referral, kase } = await approvedOn("2026-11-02", 1, "s444(1A)");
    await hearing(referral.id, { hearingDate: "2026-11-16" });
    await recordOutcome(manager, referral.id, {
      ...fined(20_000),
      sentences: [
        { type: "community_order", months: 12 },
        { type: "fine", amountPence: 20_000 },
      ],
    });
    const types = (sentences: { type: string }[] | undefined) => sentences?.map((s) => s.type);
    const [shown] = await findCaseReferrals(manager, kase.id);
    expect(types(shown?.outcome?.sentences)).toEqual(["fine", "community_order"]);
    expect(types((await getReferral(manager, referral.id)).outcome?.sentences)).toEqual(["fine", "community_order"]);
  });

  it("the database holds it: no outcome before its hearing, none at an adjourned hearing, and the hearing cannot move after it", async () => {
    const { referral } = await approvedOn("2026-11-02");
    const trial = await hearing(referral.id, { hearingDate: "2026-11-16" });
    const saved = await recordOutcome(manager, referral.id, withdrawn);
    expect(
      await rawError(rawPool.query(`UPDATE court_outcome SET decided_on = '2026-11-13' WHERE id = $1`, [saved.id])),
    ).toBe("court_outcome_on_or_after_hearing");
    expect(
      await rawError(rawPool.query(`UPDATE court_hearing SET hearing_date = '2026-11-19' WHERE id = $1`, [trial.id])),
    ).toBe("court_outcome_on_or_after_hearing");
    expect(
      await rawError(
        rawPool.query(`UPDATE court_hearing SET adjourned = true, adjournment_reason = 'x' WHERE id = $1`, [trial.id]),
      ),
    ).toBe("court_outcome_not_at_adjourned_hearing");
    expect(await rawError(rawPool.query(`UPDATE court_outcome SET hearing_id = NULL WHERE id = $1`, [saved.id]))).toBe(
      "court_outcome_has_hearing",
    ); // Moving the hearing to an earlier day carries the day to its outcome (ON UPDATE CASCADE on PostgreSQL; on
    // Citus, which refuses that action on a distributed key, the runner's trigger: scripts/lib/citus.ts).
    await rawPool.query(`UPDATE court_hearing SET hearing_date = '2026-11-13' WHERE id = $1`, [trial.id]);
    const { rows } = await rawPool.query<{ day: string }>(
      `SELECT hearing_date::text AS day FROM court_outcome WHERE authority_id = $1 AND id = $2`,
      [authority.id, saved.id],
    );
    expect(rows).toEqual([{ day: "2026-11-13" }]);
  });
});

describe("the hearing lists", () => {
  const filters = (f: Partial<HearingFilters> = {}): HearingFilters => ({
    list: "upcoming",
    court: "",
    type: "",
    from: "",
    to: "",
    ...f,
  });

  it("lists future hearings without an outcome as upcoming, and past ones awaiting their outcome, with filters", async () => {
    const a = await approvedOn("2026-11-02");
    const b = await approvedOn("2026-11-02");
    const c = await approvedOn("2026-11-02");
    const aHeard = await hearing(a.referral.id, { hearingDate: "2026-11-16" });
    const bPast = await hearing(b.referral.id, { hearingDate: "2026-11-09" });
    const bNext = await hearing(b.referral.id, {
      hearingDate: "2026-12-01",
      courtId: aycliffe.id,
      hearingType: "trial",
    });
    const cHeard = await hearing(c.referral.id, { hearingDate: "2026-11-16" });
    await recordOutcome(manager, c.referral.id, withdrawn);

    const upcoming = await findHearings(officer, filters());
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    expect(ids(upcoming.rows)).toContain(bNext.id);
    expect(ids(upcoming.rows)).not.toContain(bPast.id);
    const awaiting = await findHearings(officer, filters({ list: "awaiting" }));
    expect(ids(awaiting.rows)).toContain(aHeard.id);
    // Not b's past hearing (its next one is listed) and not c's (its outcome is recorded).
    expect(ids(awaiting.rows)).not.toContain(bPast.id);
    expect(ids(awaiting.rows)).not.toContain(cHeard.id);
    expect(upcoming.counts.awaiting).toBe(awaiting.rows.length);

    expect(ids((await findHearings(officer, filters({ court: teesside.id }))).rows)).not.toContain(bNext.id);
    expect(ids((await findHearings(officer, filters({ court: aycliffe.id, type: "trial" }))).rows)).toContain(bNext.id);
    expect(ids((await findHearings(officer, filters({ type: "sentencing" }))).rows)).not.toContain(bNext.id);
    expect(ids((await findHearings(officer, filters({ from: "2026-12-02" }))).rows)).not.toContain(bNext.id);
    expect(ids((await findHearings(officer, filters({ to: "2026-12-01" }))).rows)).toContain(bNext.id);
    const unknown = await findHearings(officer, filters({ court: otherCourt.id }));
    expect(unknown.problems.map((p) => p.field)).toEqual(["court"]);
    expect(ids((await findHearings(otherManager, filters())).rows)).not.toContain(bNext.id);
  });

  it("reads the dates from the form's GOV.UK date inputs or the links' ISO dates, naming a part left out", () => {
    const boxes = { "from-day": "2", "from-month": "12", "from-year": "2026", "to-day": "31/12/2026" };
    expect(parseHearingFilters({ ...boxes, "to-month": "", "to-year": "" })).toMatchObject({
      filters: { from: "2026-12-02", to: "2026-12-31" },
      problems: [],
    });
    expect(parseHearingFilters({ from: "2026-12-02" }).filters.from).toBe("2026-12-02");
    const missing = parseHearingFilters({ "from-day": "2", "from-month": "", "from-year": "2026" });
    expect(missing.filters.from).toBe("");
    expect(missing.problems).toEqual([
      { field: "from", message: "The first date must include a month. The filter was left out." },
    ]);
    expect(missing.typed.from).toEqual({ day: "2", month: "", year: "2026" });
    const backwards = parseHearingFilters({ from: "2026-12-02", to: "2026-12-01" });
    expect(backwards.filters).toMatchObject({ from: "2026-12-02", to: "" });
    expect(backwards.problems.map((p) => p.message)).toEqual([
      "The last date must be the same as or after the first date",
    ]);
  });
});

describe("corrections with a reason, the original kept in the audit log", () => {
  it("corrects a recorded outcome: replaced, marked corrected on the outcome and the timeline, the original in the audit row", async () => {
    const { referral, kase } = await approvedOn("2026-11-02");
    await hearing(referral.id, { hearingDate: "2026-11-16" });
    const saved = await recordOutcome(manager, referral.id, fined(20_000));
    expect(
      await caught(correctOutcome(officer, referral.id, { ...fined(2_000), reason: "Typed a nought too many" })),
    ).toBeInstanceOf(ForbiddenError);
    const overCap = await caught(correctOutcome(manager, referral.id, { ...fined(100_001), reason: "x" }));
    expect(fields(overCap)["sentences.0.amountPence"]?.[0]).toMatch(/£1,000.00/);
    expect(
      fields(await caught(correctOutcome(manager, referral.id, { ...fined(2_000), reason: " " }))).reason,
    ).toBeDefined();

    await correctOutcome(manager, referral.id, { ...fined(2_000), reason: "Typed a nought too many" });
    const after = await testDb.courtOutcome.findUniqueOrThrow({
      where: { id: saved.id },
      include: { sentences: true },
    });
    expect(after).toMatchObject({ correctionReason: "Typed a nought too many", correctedBy: manager.id });
    expect(after.sentences.map((s) => s.amountPence)).toEqual([2_000]);
    const entry = await testDb.caseEvent.findFirstOrThrow({ where: { caseId: kase.id, kind: "court_outcome" } });
    expect(entry).toMatchObject({ correctionReason: "Typed a nought too many", correctedBy: manager.id });
    const audit = await testDb.auditLog.findFirstOrThrow({
      where: { action: "outcome.correct", entityId: referral.id },
    });
    expect(audit.detail).toMatchObject({
      original: { plea: "guilty", sentences: [{ type: "fine", amountPence: 20_000 }] },
      corrected: { sentences: [{ type: "fine", amountPence: 2_000 }] },
    });
  });

  it("corrects an entry of recorded work, never the service's entries, and the database refuses a silent change", async () => {
    const { kase } = await approvedOn();
    const officerCase = await testDb.attendanceCase.update({
      where: { id: kase.id },
      data: { status: "monitoring" },
    });
    const recorded = await addCaseEvent(officer, {
      caseId: kase.id,
      version: officerCase.version,
      kind: "home_visit",
      occurredOn: "2026-11-18",
      note: "Spoke to father.",
    });
    // This entry, not the case's earlier visit (the support the record already shows).
    const visit = await testDb.caseEvent.findUniqueOrThrow({ where: { id: recorded.eventId } });
    const correct = (actor: Actor, extra: Record<string, unknown> = {}) =>
      correctCaseEvent(actor, {
        caseId: kase.id,
        eventId: visit.id,
        version: recorded.version,
        occurredOn: "2026-11-17",
        note: "Spoke to mother.",
        reason: "Wrong parent and day noted",
        ...extra,
      });
    const other = await actorFor((await makeUser(testDb, { authority, role: "officer" })).id);
    expect(await caught(correct(other))).toBeInstanceOf(ForbiddenError);
    expect(fields(await caught(correct(officer, { occurredOn: "2026-11-21" }))).occurredOn?.[0]).toMatch(/future/);
    await correct(officer);
    const after = await testDb.caseEvent.findUniqueOrThrow({ where: { id: visit.id } });
    expect(after).toMatchObject({ note: "Spoke to mother.", correctionReason: "Wrong parent and day noted" });
    expect(after.occurredOn.toISOString().slice(0, 10)).toBe("2026-11-17");
    const audit = await testDb.auditLog.findFirstOrThrow({
      where: { action: "case.correct_event", entityId: kase.id },
    });
    expect(audit.detail).toMatchObject({ original: { occurredOn: "2026-11-18", note: "Spoke to father." } });

    const opened = await testDb.caseEvent.findFirstOrThrow({ where: { caseId: kase.id, kind: "opened" } });
    const refused = await caught(
      correctCaseEvent(officer, {
        caseId: kase.id,
        eventId: opened.id,
        version: recorded.version + 1,
        occurredOn: "2026-11-17",
        note: "x",
        reason: "y",
      }),
    );
    expect((refused as ValidationError).formError).toBe("Only the work recorded on the timeline can be corrected here");
    expect(
      await rawError(rawPool.query(`UPDATE case_event SET note = 'quietly changed' WHERE id = $1`, [visit.id])),
    ).toBe("case_event_changes_are_corrections");
    expect(await rawError(rawPool.query(`UPDATE case_event SET kind = 'note' WHERE id = $1`, [visit.id]))).toBe(
      "case_event_changes_are_corrections",
    );
  });
});
