import { beforeAll, describe, expect, it } from "vitest";
import { addDays, formatUkDate, londonDate } from "@/lib/domain/dates";
import { STALE_VERSION } from "@/lib/domain/case-rules";
import { paymentPeriods } from "@/lib/domain/penalty-notices";
import { makeAuthority, makeCase, makeParent, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { DEFAULT_WINDOW_SETTINGS } from "@/lib/domain/fast-track-window";
import { actorFor, makeActor, rawPool, testDb } from "@/tests/db";
import { queriesSentBy } from "@/tests/count-queries";
import type { Actor } from "../actor";
import { addHearing } from "../court/add-hearing";
import { findHearings } from "../court/find-hearings";
import { recordOutcome } from "../court/record-outcome";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { approveReferral } from "./approve-referral";
import { findReferralQueue } from "./find-referral-queue";
import { loadReadiness } from "./load-readiness";
import { countCaseReferrals, getCaseReferrals } from "./get-case-referrals";
import { getReferral } from "./get-referral";
import { loadPenaltyNoticesForReferral } from "./load-penalty-notices-for-referral";
import { extractPdfText } from "../pdf/pdf-text";
import { renderPdf } from "../pdf/render-pdf";
import { buildProsecutionFile } from "./prosecution-file";
import { rejectReferral } from "./reject-referral";
import { COMPLETE_CHECKLIST, makeReferredCase } from "./test-factories";

type Authority = { id: string; laCode: string };
let authority: Authority;
let school: { id: string; estabNumber: string };
let manager: Actor;
let officer: Actor;
let staff: Actor;
let otherManager: Actor;
let court: { id: string };

const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
const checklistInput = {
  ...COMPLETE_CHECKLIST,
  defencesConsidered: [...COMPLETE_CHECKLIST.defencesConsidered],
};

async function referred(parents = 1, createdAt?: Date, ready?: Parameters<typeof makeReferredCase>[1]["ready"]) {
  const pupil = await makePupil(testDb, { authority, school });
  const ps = [];
  for (let i = 0; i < parents; i++)
    ps.push(await makeParent(testDb, { authority, pupil, relationship: i === 0 ? "mother" : "father" }));
  return {
    pupil,
    parents: ps,
    ...(await makeReferredCase(testDb, {
      authority,
      pupil,
      officer,
      parentIds: ps.map((p) => p.id),
      createdAt,
      ready,
    })),
  };
}

async function approved(offence: "s444(1)" | "s444(1A)" = "s444(1)") {
  const f = await referred();
  const r = f.referrals[0]!;
  await approveReferral(manager, { referralId: r.id, version: 1, offence, ...checklistInput });
  return { ...f, referral: r };
}

/** Approved, and heard today (Friday 20 November 2026, the day of the approval): ready for its outcome. */
async function approvedAndHeard(offence: "s444(1)" | "s444(1A)" = "s444(1)") {
  const f = await approved(offence);
  const hearing = await addHearing(manager, {
    referralId: f.referral.id,
    hearingDate: "2026-11-20",
    hearingTime: "10:00",
    courtId: court.id,
    hearingType: "first_hearing",
  });
  return { ...f, hearing };
}

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const other = await makeAuthority(testDb);
  school = await makeSchool(testDb, authority);
  manager = await actorFor((await makeUser(testDb, { authority, role: "manager" })).id);
  officer = await actorFor((await makeUser(testDb, { authority, role: "officer" })).id);
  staff = await actorFor((await makeUser(testDb, { authority, role: "school", school })).id);
  otherManager = await actorFor((await makeUser(testDb, { authority: other, role: "manager" })).id);
  court = await testDb.court.create({ data: { authorityId: authority.id, name: "Teesside Magistrates' Court" } });
});

describe("review queue and one referral", () => {
  it("lists referrals awaiting review oldest first with pupil, parent and figures, for managers only", async () => {
    const newer = await referred(1, new Date("2026-11-18T09:00:00Z"));
    const older = await referred(1, new Date("2026-11-16T09:00:00Z"));
    const queue = await findReferralQueue(manager);
    const ids = queue.map((q) => q.id);
    expect(ids.indexOf(older.referrals[0]!.id)).toBeLessThan(ids.indexOf(newer.referrals[0]!.id));
    const row = queue.find((q) => q.id === older.referrals[0]!.id)!;
    expect(row.pupil.name).toBe(`${older.pupil.firstName} ${older.pupil.lastName}`);
    expect(row.parent.id).toBe(older.parents[0]!.id);
    expect(row.figures.possibleSessions).toBe(16);
    expect(row.figures.met).toBe(false);
    expect(await caught(findReferralQueue(officer))).toBeInstanceOf(ForbiddenError);
    expect(await caught(findReferralQueue(staff))).toBeInstanceOf(ForbiddenError);
    expect((await findReferralQueue(otherManager)).map((q) => q.id)).not.toContain(older.referrals[0]!.id);
  });

  it("reads a queue of any length in the same statements, each referral with its own missing items", async () => {
    // Own authority, so that the queue holds only these. One statement burst per referral (letters, events,
    // settings, evidence, pupil, enrolments, certificates) once starved the pool under load (the queue's CSV gave a
    // 500 in an e2e run): the queue's readiness is read for all its referrals together.
    const own = await makeAuthority(testDb);
    const ownSchool = await makeSchool(testDb, own);
    const ownManager = await actorFor((await makeUser(testDb, { authority: own, role: "manager" })).id);
    const ownOfficer = await actorFor((await makeUser(testDb, { authority: own, role: "officer" })).id);
    const refer = async (ready?: Parameters<typeof makeReferredCase>[1]["ready"]) => {
      const pupil = await makePupil(testDb, { authority: own, school: ownSchool });
      const parent = await makeParent(testDb, { authority: own, pupil, relationship: "mother" });
      return makeReferredCase(testDb, { authority: own, pupil, officer: ownOfficer, parentIds: [parent.id], ready });
    };
    await refer();
    await findReferralQueue(ownManager); // the pools' connections open outside the count
    const one = await queriesSentBy(() => findReferralQueue(ownManager));
    await refer({ letters: false });
    await refer({ certificate: false, interview: false });
    await refer({ warning: false });
    await refer({ support: false });
    let queue: Awaited<ReturnType<typeof findReferralQueue>> = [];
    const five = await queriesSentBy(async () => {
      queue = await findReferralQueue(ownManager);
    });
    expect(queue).toHaveLength(5);
    expect(five).toHaveLength(one.length);
    // Each row's missing items are that referral's own, as the one-referral reader computes them.
    for (const row of queue) {
      const referral = await testDb.prosecutionReferral.findUniqueOrThrow({
        where: { id: row.id },
        include: { kase: true },
      });
      const alone = await loadReadiness(referral, null);
      const expected = alone.items.filter((x) => !x.met && x.key !== "eso" && x.key !== "defences").map((x) => x.key);
      expect(row.missing).toEqual(expected);
    }
    // A letter not sent leaves the warning (a letter) missing too.
    expect(new Set(queue.map((r) => r.missing.join(",")))).toEqual(
      new Set(["", "letters,warning", "interview,certificate", "warning", "support"]),
    );
  });

  it("shows one referral in scope with its frozen evidence, audited; 404 for school staff and other authorities", async () => {
    const f = await referred();
    const id = f.referrals[0]!.id;
    const detail = await getReferral(officer, id);
    expect(detail).toMatchObject({ status: "awaiting_review", penaltyNoticeBlock: null, offence: null });
    expect(detail.evidence.marks).toHaveLength(16);
    expect(detail.evidence.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await testDb.auditLog.count({ where: { entityId: id, action: "referral.view" } })).toBe(1);
    expect(await caught(getReferral(staff, id))).toBeInstanceOf(NotFoundError);
    expect(await caught(getReferral(otherManager, id))).toBeInstanceOf(NotFoundError);
    expect(await caught(getReferral(manager, "not-a-uuid"))).toBeInstanceOf(NotFoundError);
  });

  it("blocks approval while the parent's penalty notice for the period is payable or paid, and says why", async () => {
    const f = await referred();
    const r = f.referrals[0]!;
    const parentId = f.parents[0]!.id;
    // Issued after the window (13 November 2026): payable until 28 days later, so still payable on 20 November.
    const issue = "2026-11-16";
    const { lowerUntil, lastDay } = paymentPeriods(issue);
    const notice = await testDb.penaltyNotice.create({
      data: {
        authorityId: authority.id,
        caseId: f.kase.id,
        parentId,
        pupilId: f.pupil.id,
        issueDate: new Date(issue),
        periodStart: f.evidence.periodStart,
        periodEnd: f.evidence.periodEnd,
        unauthorisedSessions: 12,
        sequence: 1,
        lowerAmountPence: 8000,
        higherAmountPence: 16000,
        lowerUntil: new Date(lowerUntil),
        lastDay: new Date(lastDay),
        issuedBy: officer.id,
      },
    });
    const notices = await loadPenaltyNoticesForReferral({
      authorityId: authority.id,
      parentId,
      pupilId: f.pupil.id,
      periodStart: "2026-10-01",
      periodEnd: "2026-11-13",
    });
    expect(notices).toEqual([{ issueDate: issue, receivedOn: null, paidOn: null, withdrawnOn: null }]);
    expect((await getReferral(manager, r.id)).penaltyNoticeBlock).toMatch(/can still be paid until 14 December 2026/);
    const error = await caught(
      approveReferral(manager, { referralId: r.id, version: 1, offence: "s444(1)", ...checklistInput }),
    );
    expect((error as ValidationError).formError).toMatch(/penalty notice issued on 16 November 2026/);
    expect((await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: r.id } })).status).toBe(
      "awaiting_review",
    );
    await testDb.penaltyNotice.update({
      where: { id: notice.id },
      data: { status: "withdrawn", withdrawnOn: new Date("2026-11-18"), withdrawnReason: "Issued in error" },
    });
    expect(
      await approveReferral(manager, { referralId: r.id, version: 1, offence: "s444(1)", ...checklistInput }),
    ).toMatchObject({ status: "approved" });
  });
});

describe("both parents' referrals on one page", () => {
  it("reads every parent's referral of the case, each with its own evidence; 404 for school staff, other authorities and other ids", async () => {
    const f = await referred(2);
    const referrals = await getCaseReferrals(manager, f.kase.id);
    expect(referrals.map((r) => r.parent.id).sort()).toEqual(f.parents.map((p) => p.id).sort());
    // The pupil's register is frozen once for the decision; each parent's record (letters, interview) is their own.
    expect(new Set(referrals.map((r) => r.evidence.id)).size).toBe(1);
    for (const r of referrals) {
      expect(r.case.id).toBe(f.kase.id);
      expect(r.status).toBe("awaiting_review");
      expect(r.readiness.items.length).toBeGreaterThan(0);
    }
    // Each read audited, as on the referral's own page.
    for (const r of referrals)
      expect(await testDb.auditLog.count({ where: { entityId: r.id, action: "referral.view" } })).toBe(1);
    // Officers follow their cases' referrals (reading, not deciding).
    expect(await getCaseReferrals(officer, f.kase.id)).toHaveLength(2);
    expect(await countCaseReferrals(manager, f.kase.id)).toBe(2);
    for (const who of [staff, otherManager])
      expect(await caught(getCaseReferrals(who, f.kase.id))).toBeInstanceOf(NotFoundError);
    expect(await countCaseReferrals(staff, f.kase.id)).toBe(0);
    expect(await countCaseReferrals(otherManager, f.kase.id)).toBe(0);
    expect(await caught(getCaseReferrals(manager, "not-a-uuid"))).toBeInstanceOf(NotFoundError);
    // A case without referrals is not found either.
    const pupil = await makePupil(testDb, { authority, school });
    const kase = await makeCase(testDb, { authority, pupil, officer });
    expect(await caught(getCaseReferrals(manager, kase.id))).toBeInstanceOf(NotFoundError);
  });

  it("keeps the decisions per parent: one approved under s.444(1A) leaves the other awaiting, then approved under s.444(1)", async () => {
    const f = await referred(2);
    const [mother, father] = f.referrals;
    await approveReferral(manager, { referralId: mother!.id, version: 1, offence: "s444(1A)", ...checklistInput });
    let both = await getCaseReferrals(manager, f.kase.id);
    const byId = (id: string) => both.find((r) => r.id === id)!;
    expect(byId(mother!.id)).toMatchObject({ status: "approved", offence: "s444(1A)" });
    expect(byId(father!.id)).toMatchObject({ status: "awaiting_review", offence: null });
    expect((await findReferralQueue(manager)).map((q) => q.id)).toContain(father!.id);
    await approveReferral(manager, { referralId: father!.id, version: 1, offence: "s444(1)", ...checklistInput });
    both = await getCaseReferrals(manager, f.kase.id);
    expect(byId(mother!.id)).toMatchObject({ status: "approved", offence: "s444(1A)" });
    expect(byId(father!.id)).toMatchObject({ status: "approved", offence: "s444(1)" });
  });
});

describe("approveReferral", () => {
  it.each([
    [
      "letters",
      "lettersSent",
      "Letters to this parent: the request says this is met, but the record does not show it. No letter to this parent is on the case",
    ],
    [
      "warning",
      "warningGiven",
      "Warning before the period: the request says this is met, but the record does not show it. No warning or final warning letter to this parent is dated on or before the start of the period",
    ],
    [
      "support",
      "supportOffered",
      "Support offered: the request says this is met, but the record does not show it. No meeting, home visit, phone call, attendance contract or support offered is recorded on the case",
    ],
    [
      "interview",
      "interviewUnderCaution",
      "Interview under caution: the request says this is met, but the record does not show it. No interview under caution with this parent is recorded",
    ],
    [
      "certificate",
      "attendanceCertificate",
      "Attendance certificate (section 566): the request says this is met, but the record does not show it. The head teacher's signed attendance certificate",
    ],
  ] as const)(
    "refuses approval while the record lacks %s, naming %s, and saves nothing",
    async (item, field, message) => {
      const f = await referred(1, undefined, { [item]: false });
      const r = f.referrals[0]!;
      const error = await caught(
        approveReferral(manager, { referralId: r.id, version: 1, offence: "s444(1)", ...checklistInput }),
      );
      expect(error).toBeInstanceOf(ValidationError);
      const fields = (error as ValidationError).fieldErrors;
      // The letters item without any letter also leaves the warning unmet; every other item alone.
      expect(Object.keys(fields)).toEqual(item === "letters" ? ["lettersSent", "warningGiven"] : [field]);
      expect(fields[field]![0]).toContain(message);
      expect(await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: r.id } })).toMatchObject({
        status: "awaiting_review",
        version: 1,
      });
      expect(await testDb.referralApprovalEvidence.count({ where: { referralId: r.id } })).toBe(0);
      expect(await testDb.caseEvent.count({ where: { caseId: f.kase.id, kind: "referral_approved" } })).toBe(0);
    },
  );

  it("refuses the manager's own items when missing (ESO reasoning, each defence), and saves nothing", async () => {
    const f = await referred();
    const r = f.referrals[0]!;
    const error = await caught(
      approveReferral(manager, {
        referralId: r.id,
        version: 1,
        offence: "s444(1)",
        ...checklistInput,
        esoReasoning: "",
        defencesConsidered: ["leave"],
      }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).fieldErrors;
    expect(fields.esoReasoning).toBeDefined();
    expect(fields.defencesConsidered).toHaveLength(4);
    expect((await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: r.id } })).status).toBe(
      "awaiting_review",
    );
  });

  it("approves without an interview where the authority has switched that item off", async () => {
    const other = await makeAuthority(testDb);
    const otherSchool = await makeSchool(testDb, other);
    const otherOfficer = await makeActor({ authority: other, role: "officer" });
    const otherManager = await makeActor({ authority: other, role: "manager" });
    await testDb.authorityCaseSettings.create({
      data: { authorityId: other.id, windowSettings: DEFAULT_WINDOW_SETTINGS, interviewUnderCautionRequired: false },
    });
    const pupil = await makePupil(testDb, { authority: other, school: otherSchool });
    const parent = await makeParent(testDb, { authority: other, pupil });
    const f = await makeReferredCase(testDb, {
      authority: other,
      pupil,
      officer: otherOfficer,
      parentIds: [parent.id],
      ready: { interview: false },
    });
    const saved = await approveReferral(otherManager, {
      referralId: f.referrals[0]!.id,
      version: 1,
      offence: "s444(1)",
      ...checklistInput,
      interviewUnderCaution: undefined,
    });
    expect(saved.checklist).toMatchObject({ interviewUnderCaution: null });
    const rows = await testDb.referralApprovalEvidence.findMany({ where: { referralId: f.referrals[0]!.id } });
    expect(rows.map((x) => x.item).sort()).toEqual(["certificate", "letters", "support", "warning"]);
  });

  it("the database refuses an approval that does not store what it rested on", async () => {
    const f = await referred();
    const r = f.referrals[0]!;
    await expect(
      rawPool.query(
        `UPDATE prosecution_referral SET status = 'approved', offence = 's444(1)', checklist = '{}'::jsonb,
           reviewed_by = $2, reviewed_at = now() WHERE id = $1`,
        [r.id, manager.id],
      ),
    ).rejects.toThrow(/approved without the record of letters, warning, support, certificate, interview/);
  });

  it("approves with the offence and checklist, on the timeline and audited; a stale or second approval is refused", async () => {
    const f = await referred();
    const r = f.referrals[0]!;
    const saved = await approveReferral(manager, {
      referralId: r.id,
      version: 1,
      offence: "s444(1A)",
      ...checklistInput,
    });
    expect(saved).toMatchObject({ status: "approved", offence: "s444(1A)", reviewedBy: manager.id, version: 2 });
    expect(saved.checklist).toMatchObject({ attendanceCertificate: true, interviewUnderCaution: "held" });
    // What it rested on, by id: the letter, the warning, the home visit, the interview and the certificate.
    const rows = await testDb.referralApprovalEvidence.findMany({ where: { referralId: r.id } });
    expect(rows.map((x) => x.item).sort()).toEqual(["certificate", "interview", "letters", "support", "warning"]);
    const letter = await testDb.caseLetter.findFirstOrThrow({ where: { caseId: f.kase.id, parentId: r.parentId } });
    expect(
      rows
        .filter((x) => x.letterId === letter.id)
        .map((x) => x.item)
        .sort(),
    ).toEqual(["letters", "warning"]);
    expect(await testDb.caseEvent.count({ where: { caseId: f.kase.id, kind: "referral_approved" } })).toBe(1);
    expect(await testDb.auditLog.count({ where: { entityId: r.id, action: "referral.approve" } })).toBe(1);
    expect(
      await testDb.notification.findMany({ where: { caseId: f.kase.id, kind: "referral_decided" } }),
    ).toMatchObject([{ userId: officer.id }]);
    const stale = await caught(
      approveReferral(manager, { referralId: r.id, version: 1, offence: "s444(1)", ...checklistInput }),
    );
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).fieldErrors.version).toEqual([STALE_VERSION]);
    expect(
      await caught(approveReferral(manager, { referralId: r.id, version: 2, offence: "s444(1)", ...checklistInput })),
    ).toBeInstanceOf(ValidationError);
  });

  it("refuses officers and school staff (their role may not approve) and other authorities (not found)", async () => {
    const f = await referred();
    const input = { referralId: f.referrals[0]!.id, version: 1, offence: "s444(1)" as const, ...checklistInput };
    expect(await caught(approveReferral(officer, input))).toBeInstanceOf(ForbiddenError);
    expect(await caught(approveReferral(staff, input))).toBeInstanceOf(ForbiddenError);
    expect(await caught(approveReferral(otherManager, input))).toBeInstanceOf(NotFoundError);
    expect(await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: input.referralId } })).toMatchObject({
      status: "awaiting_review",
    });
  });
});

describe("rejectReferral", () => {
  it("back to casework: the case moves to monitoring once no other parent's referral is pending", async () => {
    const f = await referred(2);
    const [first, second] = f.referrals;
    const closing = await caught(
      rejectReferral(manager, { referralId: first!.id, version: 1, reason: "Moved", route: "close" }),
    );
    expect((closing as ValidationError).fieldErrors.route?.[0]).toMatch(/Another parent's referral/);
    await rejectReferral(manager, {
      referralId: first!.id,
      version: 1,
      reason: "Mother was in hospital",
      route: "casework",
    });
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: f.kase.id } })).status).toBe("referred");
    const saved = await rejectReferral(manager, {
      referralId: second!.id,
      version: 1,
      reason: "Support plan agreed",
      route: "casework",
    });
    expect(saved).toMatchObject({ status: "rejected", rejectRoute: "casework", rejectReason: "Support plan agreed" });
    expect((await testDb.attendanceCase.findUniqueOrThrow({ where: { id: f.kase.id } })).status).toBe("monitoring");
    expect(await testDb.caseEvent.count({ where: { caseId: f.kase.id, kind: "referral_rejected" } })).toBe(2);
    expect(await testDb.auditLog.count({ where: { entityId: second!.id, action: "referral.reject" } })).toBe(1);
  });

  it("close: the case closes with outcome other and the reason; a blank reason or officer is refused", async () => {
    const f = await referred();
    const r = f.referrals[0]!;
    const blank = await caught(rejectReferral(manager, { referralId: r.id, version: 1, reason: "  ", route: "close" }));
    expect((blank as ValidationError).fieldErrors.reason).toBeDefined();
    expect(
      await caught(rejectReferral(officer, { referralId: r.id, version: 1, reason: "x", route: "close" })),
    ).toBeInstanceOf(ForbiddenError);
    await rejectReferral(manager, { referralId: r.id, version: 1, reason: "Family moved away", route: "close" });
    expect(await testDb.attendanceCase.findUniqueOrThrow({ where: { id: f.kase.id } })).toMatchObject({
      status: "closed",
      closeOutcome: "other",
      closeReason: "Family moved away",
    });
  });
});

describe("hearings", () => {
  it("records hearings only on approved referrals, with a reason when adjourned; lists upcoming ones", async () => {
    const pending = await referred();
    const early = await caught(
      addHearing(manager, {
        referralId: pending.referrals[0]!.id,
        hearingDate: "2026-12-01",
        courtId: court.id,
        hearingTime: "10:00",
        hearingType: "first_hearing",
      }),
    );
    expect((early as ValidationError).formError).toMatch(/approved/);
    const { referral, kase } = await approved();
    const noReason = await caught(
      addHearing(manager, {
        referralId: referral.id,
        hearingDate: "2026-12-01",
        courtId: court.id,
        hearingTime: "10:00",
        hearingType: "first_hearing",
        adjourned: "on",
      }),
    );
    expect((noReason as ValidationError).fieldErrors.adjournmentReason?.[0]).toBe(
      "Enter the reason the hearing was adjourned",
    );
    expect(
      await caught(
        addHearing(officer, {
          referralId: referral.id,
          hearingDate: "2026-12-01",
          courtId: court.id,
          hearingTime: "10:00",
          hearingType: "trial",
        }),
      ),
    ).toBeInstanceOf(ForbiddenError);
    const hearing = await addHearing(manager, {
      referralId: referral.id,
      hearingDate: "2026-12-01",
      courtId: court.id,
      hearingTime: "10:00",
      hearingType: "first_hearing",
    });
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id, kind: "hearing" } })).toBe(1);
    const list = { list: "upcoming" as const, court: "", type: "" as const, from: "", to: "" };
    const upcoming = await findHearings(officer, list);
    expect(upcoming.rows.find((h) => h.id === hearing.id)).toMatchObject({
      date: "2026-12-01",
      time: "10:00",
      courtName: "Teesside Magistrates' Court",
      referralId: referral.id,
    });
    expect((await findHearings(otherManager, list)).rows.map((h) => h.id)).not.toContain(hearing.id);
    expect(await caught(findHearings(staff, list))).toBeInstanceOf(ForbiddenError);
  });

  it("refuses a hearing dated before the approval, on the server and in the database", async () => {
    const { referral } = await approved();
    const approvedOn = londonDate(
      (await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: referral.id } })).reviewedAt!,
    );
    const dayBefore = addDays(approvedOn, -1);
    const refused = await caught(
      addHearing(manager, {
        referralId: referral.id,
        hearingDate: dayBefore,
        courtId: court.id,
        hearingTime: "10:00",
        hearingType: "first_hearing",
      }),
    );
    expect((refused as ValidationError).fieldErrors.hearingDate?.[0]).toMatch(
      /on or after .* the day the prosecution was approved/,
    );
    await expect(
      rawPool.query(
        "INSERT INTO court_hearing (authority_id, referral_id, hearing_date, hearing_time, court_id, court_name, hearing_type, created_by) VALUES ($1, $2, $3, '10:00', $5, 'Teesside Magistrates'' Court', 'trial', $4)",
        [referral.authorityId, referral.id, dayBefore, manager.id, court.id],
      ),
    ).rejects.toThrow(/before the approval/);
    expect(await testDb.courtHearing.count({ where: { referralId: referral.id } })).toBe(0);
    await addHearing(manager, {
      referralId: referral.id,
      hearingDate: approvedOn,
      courtId: court.id,
      hearingTime: "10:00",
      hearingType: "first_hearing",
    });
    expect(await testDb.courtHearing.count({ where: { referralId: referral.id } })).toBe(1);
  });

  it("the database refuses an adjourned hearing without a reason", async () => {
    const { referral } = await approved();
    await expect(
      rawPool.query(
        `INSERT INTO court_hearing (authority_id, referral_id, hearing_date, hearing_time, court_id, court_name, hearing_type, adjourned, created_by)
       VALUES ($1, $2, '2026-12-02', '10:00', $4, 'Court', 'trial', true, $3)`,
        [authority.id, referral.id, manager.id, court.id],
      ),
    ).rejects.toThrow(/court_hearing_reason_iff_adjourned/);
  });
});

describe("recordOutcome", () => {
  const guiltyFine = (amountPence: number) => ({
    plea: "guilty" as const,
    verdict: "guilty" as const,
    sentences: [{ type: "fine" as const, amountPence }],
    costsPence: 12000,
    victimSurchargePence: 4000,
  });

  it("refuses a fine over the s.444(1) cap naming the limit and the offence, saving nothing", async () => {
    const { referral } = await approvedAndHeard("s444(1)");
    const error = await caught(recordOutcome(manager, referral.id, guiltyFine(100_001)));
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as ValidationError).fieldErrors["sentences.0.amountPence"]?.[0];
    expect(message).toContain("section 444(1)");
    expect(message).toContain("£1,000.00");
    expect(await testDb.courtOutcome.count({ where: { referralId: referral.id } })).toBe(0);
    expect((await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe(
      "approved",
    );
  });

  it("refuses custody and community orders under s.444(1) and over 92 days under s.444(1A)", async () => {
    const one = await approvedAndHeard("s444(1)");
    const custody = await caught(
      recordOutcome(manager, one.referral.id, {
        plea: "none",
        verdict: "guilty",
        sentences: [{ type: "custody", days: 10, suspended: true }],
        costsPence: 0,
        victimSurchargePence: 0,
      }),
    );
    expect((custody as ValidationError).fieldErrors["sentences.0.type"]?.[0]).toMatch(
      /Custody is not available under section 444\(1\)/,
    );
    const oneA = await approvedAndHeard("s444(1A)");
    const long = await caught(
      recordOutcome(manager, oneA.referral.id, {
        plea: "none",
        verdict: "guilty",
        sentences: [{ type: "custody", days: 93, suspended: false }],
        costsPence: 0,
        victimSurchargePence: 0,
      }),
    );
    expect((long as ValidationError).fieldErrors["sentences.0.days"]?.[0]).toMatch(/section 444\(1A\).*92 days/);
  });

  it("records the outcome at the cap, concluding the referral, once; on the timeline and audited", async () => {
    const { referral, kase } = await approvedAndHeard("s444(1)");
    expect(await caught(recordOutcome(officer, referral.id, guiltyFine(100_000)))).toBeInstanceOf(ForbiddenError);
    expect(await caught(recordOutcome(otherManager, referral.id, guiltyFine(100_000)))).toBeInstanceOf(NotFoundError);
    const saved = await recordOutcome(manager, referral.id, guiltyFine(100_000));
    expect(saved).toMatchObject({ offence: "s444(1)", verdict: "guilty", costsPence: 12000 });
    expect(await testDb.courtSentence.findMany({ where: { outcomeId: saved.id } })).toMatchObject([
      { sentenceType: "fine", amountPence: 100_000 },
    ]);
    expect((await testDb.prosecutionReferral.findUniqueOrThrow({ where: { id: referral.id } })).status).toBe(
      "concluded",
    );
    expect(await testDb.caseEvent.count({ where: { caseId: kase.id, kind: "court_outcome" } })).toBe(1);
    expect(await testDb.auditLog.count({ where: { entityId: referral.id, action: "outcome.record" } })).toBe(1);
    expect((await caught(recordOutcome(manager, referral.id, guiltyFine(500)))) as ValidationError).toBeInstanceOf(
      ValidationError,
    );
  });

  it("refuses an outcome before approval and a sentence without a guilty verdict", async () => {
    const pending = await referred();
    expect(await caught(recordOutcome(manager, pending.referrals[0]!.id, guiltyFine(100)))).toBeInstanceOf(
      ValidationError,
    );
    const { referral } = await approvedAndHeard();
    const e = await caught(
      recordOutcome(manager, referral.id, {
        plea: "not_guilty",
        verdict: "not_guilty",
        sentences: [{ type: "fine", amountPence: 100 }],
        costsPence: 0,
        victimSurchargePence: 0,
      }),
    );
    expect((e as ValidationError).fieldErrors.sentences?.[0]).toMatch(/guilty verdict/);
  });
});

describe("the database holds the caps per offence whatever the writer", () => {
  async function rawOutcome(offence: "s444(1)" | "s444(1A)", verdict = "guilty") {
    const { referral, hearing } = await approvedAndHeard(offence);
    const { rows } = await rawPool.query<{ id: string }>(
      `INSERT INTO court_outcome (authority_id, referral_id, offence, plea, verdict, recorded_by, hearing_id, hearing_date,
                                  hearing_adjourned, decided_on)
       VALUES ($1, $2, $3, 'none', $4, $5, $6, '2026-11-20', false, '2026-11-20') RETURNING id`,
      [authority.id, referral.id, offence, verdict, manager.id, hearing.id],
    );
    return rows[0]!.id;
  }
  const sentence = (
    outcomeId: string,
    offence: string,
    type: string,
    cols: { amount?: number; days?: number; suspended?: boolean; months?: number },
    verdict = "guilty",
  ) =>
    rawPool.query(
      `INSERT INTO court_sentence (authority_id, outcome_id, offence, verdict, sentence_type, amount_pence, days, suspended, months)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        authority.id,
        outcomeId,
        offence,
        verdict,
        type,
        cols.amount ?? null,
        cols.days ?? null,
        cols.suspended ?? null,
        cols.months ?? null,
      ],
    );

  it("refuses a raw over-cap fine: £1,000.01 under s.444(1), £2,500.01 under s.444(1A); accepts the caps", async () => {
    const one = await rawOutcome("s444(1)");
    await expect(sentence(one, "s444(1)", "fine", { amount: 100_001 })).rejects.toThrow(/court_sentence_fine_cap/);
    await sentence(one, "s444(1)", "fine", { amount: 100_000 });
    const oneA = await rawOutcome("s444(1A)");
    await expect(sentence(oneA, "s444(1A)", "fine", { amount: 250_001 })).rejects.toThrow(/court_sentence_fine_cap/);
    await sentence(oneA, "s444(1A)", "fine", { amount: 250_000 });
  });

  it("refuses custody under s.444(1) and over 92 days, a community order under s.444(1), and a false offence copy", async () => {
    const one = await rawOutcome("s444(1)");
    await expect(sentence(one, "s444(1)", "custody", { days: 10, suspended: false })).rejects.toThrow(
      /court_sentence_custody_cap/,
    );
    await expect(sentence(one, "s444(1)", "community_order", { months: 6 })).rejects.toThrow(
      /court_sentence_community_order_cap/,
    );
    // Claiming s.444(1A) on an s.444(1) outcome breaks the composite foreign key.
    await expect(sentence(one, "s444(1A)", "custody", { days: 10, suspended: false })).rejects.toThrow(/foreign key/);
    const oneA = await rawOutcome("s444(1A)");
    await expect(sentence(oneA, "s444(1A)", "custody", { days: 93, suspended: false })).rejects.toThrow(
      /court_sentence_custody_cap/,
    );
    await sentence(oneA, "s444(1A)", "custody", { days: 92, suspended: true });
  });

  it("refuses a sentence on an outcome that is not guilty, and an outcome whose offence differs from the referral's", async () => {
    const notGuilty = await rawOutcome("s444(1)", "not_guilty");
    await expect(sentence(notGuilty, "s444(1)", "fine", { amount: 100 }, "guilty")).rejects.toThrow(/foreign key/);
    await expect(sentence(notGuilty, "s444(1)", "fine", { amount: 100 }, "not_guilty")).rejects.toThrow(
      /court_sentence_only_on_guilty_verdict/,
    );
    const { referral, hearing } = await approvedAndHeard("s444(1)");
    await expect(
      rawPool.query(
        `INSERT INTO court_outcome (authority_id, referral_id, offence, plea, verdict, recorded_by, hearing_id, hearing_date,
                                    hearing_adjourned, decided_on)
         VALUES ($1, $2, 's444(1A)', 'none', 'guilty', $3, $4, '2026-11-20', false, '2026-11-20')`,
        [authority.id, referral.id, manager.id, hearing.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});

describe("prosecution file", () => {
  it("renders for an approved referral with the pupil, offence, figures, hash, letters, checklist and frozen register; audited", async () => {
    const { referral, pupil, parents, evidence, kase } = await approved("s444(1A)");
    await testDb.caseEvent.create({
      data: {
        caseId: kase.id,
        authorityId: authority.id,
        kind: "letter",
        occurredOn: new Date("2026-10-01T00:00:00Z"),
        note: "Warning letter",
        actorUserId: officer.id,
      },
    });
    await testDb.caseLetter.create({
      data: {
        caseId: kase.id,
        parentId: parents[0]!.id,
        authorityId: authority.id,
        productionId: crypto.randomUUID(),
        kind: "final_warning",
        subject: "Last chance before court",
        body: "Dear parent",
        sentOn: new Date("2026-11-02T00:00:00Z"),
        producedBy: officer.id,
      },
    });
    const { doc, filename } = await buildProsecutionFile(officer, referral.id);
    expect(filename).toContain(pupil.upn);
    const text = extractPdfText(await renderPdf(doc));
    expect(text).toContain(`${pupil.firstName} ${pupil.lastName}`);
    expect(text).toContain("Section 444(1A)");
    expect(text.replace(/\s+/g, "")).toContain(evidence.contentHash);
    const evidenceHeading = `Evidence for ${parents[0]!.firstName} ${parents[0]!.lastName}`;
    expect(text).toContain(evidenceHeading);
    // The letters list names the letter produced on the case (case_letter), not only the timeline entries.
    const letters = text.slice(text.indexOf("Letters\n"), text.indexOf(evidenceHeading));
    expect(letters).toMatch(
      new RegExp(
        `2 November 2026\\s+${parents[0]!.firstName} ${parents[0]!.lastName}\\s+Final warning: Last chance before court`,
      ),
    );
    // The frozen register extract: every mark of the snapshot, by date and session, with its code.
    const extract = text.slice(text.indexOf("Register extract (frozen)"));
    const marks = evidence.marks as { date: string; session: string; code: string }[];
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks)
      expect(extract).toMatch(new RegExp(`${formatUkDate(m.date)}\\s+${m.session}\\s+${m.code.replace("/", "\\/")}`));
    // The readiness items with their evidence, a draft witness statement with the unauthorised sessions only, and
    // the signed s.566 certificate.
    for (const item of [
      "Letters to this parent",
      "Warning before the period",
      "Support offered",
      "Interview under caution",
    ])
      expect(text).toContain(item);
    const statement = text.slice(text.indexOf("Draft witness statement"), text.indexOf("Certificate of attendance"));
    expect(statement.replace(/\s+/g, " ")).toContain(`I am ${officer.name}, an education welfare officer employed by`);
    expect(statement).toContain("Home visit: Home visit: support offered.");
    const unauthorised = marks.filter((m) => m.code === "O");
    expect(statement.replace(/\s+/g, " ")).toContain(`records ${unauthorised.length} unauthorised sessions`);
    expect(statement.match(/\n(AM|PM)\nO\n/g)?.length).toBe(unauthorised.length);
    const certificate = text.slice(text.indexOf("Certificate of attendance"));
    expect(certificate).toContain("Education Act 1996, section 566");
    expect(certificate).toContain("Mrs A Head");
    expect(certificate).toContain("UNAUTHORISED");
    expect(await testDb.auditLog.count({ where: { entityId: referral.id, action: "referral.prosecution_file" } })).toBe(
      1,
    );
  });

  it("is refused before approval, and not found for school staff and other authorities", async () => {
    const pending = await referred();
    expect(await caught(buildProsecutionFile(manager, pending.referrals[0]!.id))).toBeInstanceOf(ValidationError);
    const { referral } = await approved();
    expect(await caught(buildProsecutionFile(staff, referral.id))).toBeInstanceOf(NotFoundError);
    expect(await caught(buildProsecutionFile(otherManager, referral.id))).toBeInstanceOf(NotFoundError);
  });
});
