// Demo enforcement data for Darlington: prosecution referrals awaiting review, approved referrals with hearings
// (one adjourned), and concluded referrals with an outcome of each kind (fine, custody suspended and immediate,
// conditional and absolute discharge, parenting order, community order, not guilty, withdrawn). Every row respects
// the constraints of the referrals and court migrations (the caps per offence included). Called from npm start
// after the demo cases (scripts/start.ts). Dates come from the demo clock (`today`).
import type { Prisma, PrismaClient } from "../lib/generated/prisma/client";
import { addDays } from "../lib/domain/dates";
import { COMPLETE_CHECKLIST, makeReferredCase } from "../lib/server/referrals/test-factories";
import { demoEmail } from "./seed";

type SentenceSpec = { type: string; amountPence?: number; days?: number; suspended?: boolean; months?: number };
type OutcomeSpec = { plea: "guilty" | "not_guilty" | "none"; verdict: "guilty" | "not_guilty" | "withdrawn" | "dismissed"; sentences: SentenceSpec[]; costsPence?: number; victimSurchargePence?: number };
type Spec = {
  offence?: "s444(1)" | "s444(1A)";
  hearings?: { in: number; type: "first_hearing" | "trial" | "sentencing"; adjourned?: string }[];
  outcome?: OutcomeSpec;
};

const COURT = "Teesside Magistrates' Court";
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

const SPECS: Spec[] = [
  {}, {}, {}, // awaiting review
  { offence: "s444(1)", hearings: [{ in: 12, type: "first_hearing" }] },
  { offence: "s444(1A)", hearings: [{ in: -6, type: "first_hearing", adjourned: "The parent asked for time to seek legal advice" }, { in: 20, type: "trial" }] },
  { offence: "s444(1)", hearings: [{ in: -10, type: "first_hearing" }], outcome: { plea: "guilty", verdict: "guilty", sentences: [{ type: "fine", amountPence: 44_000 }], costsPence: 12_000, victimSurchargePence: 4_000 } },
  { offence: "s444(1A)", hearings: [{ in: -20, type: "trial" }, { in: -8, type: "sentencing" }], outcome: { plea: "not_guilty", verdict: "guilty", sentences: [{ type: "custody", days: 28, suspended: true }, { type: "fine", amountPence: 60_000 }], costsPence: 30_000, victimSurchargePence: 11_400 } },
  { offence: "s444(1A)", hearings: [{ in: -15, type: "sentencing" }], outcome: { plea: "guilty", verdict: "guilty", sentences: [{ type: "custody", days: 14, suspended: false }] } },
  { offence: "s444(1)", hearings: [{ in: -12, type: "first_hearing" }], outcome: { plea: "guilty", verdict: "guilty", sentences: [{ type: "conditional_discharge", months: 12 }], costsPence: 8_500 } },
  { offence: "s444(1)", hearings: [{ in: -9, type: "first_hearing" }], outcome: { plea: "guilty", verdict: "guilty", sentences: [{ type: "absolute_discharge" }] } },
  { offence: "s444(1)", hearings: [{ in: -14, type: "first_hearing" }], outcome: { plea: "guilty", verdict: "guilty", sentences: [{ type: "parenting_order", months: 6 }, { type: "fine", amountPence: 25_000 }], costsPence: 10_000, victimSurchargePence: 4_000 } },
  { offence: "s444(1A)", hearings: [{ in: -18, type: "trial" }], outcome: { plea: "not_guilty", verdict: "guilty", sentences: [{ type: "community_order", months: 12 }], costsPence: 25_000, victimSurchargePence: 9_500 } },
  { offence: "s444(1)", hearings: [{ in: -16, type: "trial" }], outcome: { plea: "not_guilty", verdict: "not_guilty", sentences: [] } },
  { offence: "s444(1)", hearings: [{ in: -5, type: "first_hearing" }], outcome: { plea: "none", verdict: "withdrawn", sentences: [] } },
];

export async function seedEnforcement(db: PrismaClient, today: string, log: (line: string) => void = () => {}) {
  const authority = await db.authority.findFirst({ where: { laCode: "841" } });
  if (!authority) return;
  const users = await db.appUser.findMany({ where: { authorityId: authority.id, email: { in: [demoEmail("darlington", "officer"), demoEmail("darlington", "manager")] } } });
  const officer = users.find((u) => u.role === "officer");
  const manager = users.find((u) => u.role === "manager");
  if (!officer || !manager) return;

  // Pupils with no case at all and at least one parent with parental responsibility, from the end of the
  // alphabet (the demo cases keep the first pupils alphabetically free for the other specs).
  const withCase = new Set((await db.attendanceCase.findMany({ where: { authorityId: authority.id }, select: { pupilId: true } })).map((c) => c.pupilId));
  const links = await db.pupilParent.findMany({ where: { authorityId: authority.id, parentalResponsibility: true } });
  const pupils = (await db.pupil.findMany({ where: { authorityId: authority.id }, orderBy: [{ lastName: "desc" }, { firstName: "desc" }, { id: "asc" }], select: { id: true } }))
    .filter((p) => !withCase.has(p.id) && links.some((l) => l.pupilId === p.id));

  for (const [i, spec] of SPECS.entries()) {
    const pupil = pupils[i];
    if (!pupil) break;
    const parentIds = links.filter((l) => l.pupilId === pupil.id).map((l) => l.parentId).slice(0, i < 3 ? 2 : 1);
    // Oldest first in the queue: the first spec is the oldest referral.
    const windowEnd = addDays(today, -(40 - i));
    const { kase, referrals } = await makeReferredCase(db, { authority, pupil, officer, parentIds, windowEnd, createdAt: d(addDays(windowEnd, 1)) });
    if (!spec.offence) continue;
    const referral = referrals[0]!;
    const approvedOn = addDays(windowEnd, 3);
    await db.prosecutionReferral.update({
      where: { id: referral.id },
      data: {
        status: "approved", offence: spec.offence, checklist: COMPLETE_CHECKLIST as unknown as Prisma.InputJsonValue,
        reviewedBy: manager.id, reviewedAt: d(approvedOn), version: 2,
      },
    });
    await db.caseEvent.create({ data: { caseId: kase.id, authorityId: authority.id, kind: "referral_approved", occurredOn: d(approvedOn), actorUserId: manager.id, details: { referralId: referral.id, offence: spec.offence } } });
    for (const h of spec.hearings ?? []) {
      const on = addDays(today, h.in);
      await db.courtHearing.create({
        data: {
          authorityId: authority.id, referralId: referral.id, hearingDate: d(on), courtName: COURT, hearingType: h.type,
          adjourned: !!h.adjourned, adjournmentReason: h.adjourned ?? null, createdBy: manager.id,
        },
      });
      await db.caseEvent.create({ data: { caseId: kase.id, authorityId: authority.id, kind: "hearing", occurredOn: d(on < today ? on : approvedOn), actorUserId: manager.id, note: `${h.type.replace("_", " ")} at ${COURT}`, details: { referralId: referral.id } } });
    }
    if (spec.outcome) {
      const o = spec.outcome;
      await db.courtOutcome.create({
        data: {
          authorityId: authority.id, referralId: referral.id, offence: spec.offence, plea: o.plea, verdict: o.verdict,
          costsPence: o.costsPence ?? 0, victimSurchargePence: o.victimSurchargePence ?? 0, recordedBy: manager.id,
          sentences: { create: o.sentences.map((s) => ({
            authorityId: authority.id, sentenceType: s.type, amountPence: s.amountPence ?? null, days: s.days ?? null,
            suspended: s.type === "custody" ? (s.suspended ?? false) : null, months: s.months ?? null,
          })) },
        },
      });
      await db.prosecutionReferral.update({ where: { id: referral.id }, data: { status: "concluded", version: 3 } });
      await db.caseEvent.create({ data: { caseId: kase.id, authorityId: authority.id, kind: "court_outcome", occurredOn: d(addDays(today, -4)), actorUserId: manager.id, note: `Verdict: ${o.verdict.replace("_", " ")}`, details: { referralId: referral.id } } });
    }
  }
  log(`  Darlington: ${SPECS.length} prosecution referrals (3 awaiting review, 2 approved with hearings, ${SPECS.filter((s) => s.outcome).length} with outcomes)`);
}
