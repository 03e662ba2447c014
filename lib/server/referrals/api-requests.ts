import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { DEFAULT_TARGET, validateTarget } from "@/lib/domain/case-target";
import { today } from "@/lib/env";
import { caseResponse, createCaseRequest, referralDecisionRequest } from "@/lib/schemas/api";
import type { z } from "zod";
import { authorize, type Actor } from "../actor";
import { getCase } from "../cases/get-case";
import { openCase } from "../cases/open-case";
import { parseInput } from "../cases/parse-input";
import { startWindow } from "../cases/start-window";
import { loadSchoolCalendar, tryPlanWindow } from "../cases/load-window-plan";
import { loadWindowSettings } from "../cases/load-window-settings";
import { db } from "../db";
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from "../errors";
import { approveReferral } from "./approve-referral";
import { referralScope, UUID } from "./referral-scope";
import { rejectReferral } from "./reject-referral";

// The JSON API's requests for cases and referrals, mapped onto the same server functions the pages use
// (openCase, startWindow, approveReferral, rejectReferral), so no rule lives only in the API.

/**
 * POST /api/v1/cases: opens a case for the pupil with this UPN (in the actor's authority), with the given parents
 * (which must be the pupil's) and the officer with this email (an officer or manager of the authority), and
 * starts the window when windowStart is given. Everything that can be checked before writing is checked first
 * (the officer, the window's target and calendar), so a refused request saves nothing.
 */
export async function createCaseViaApi(actor: Actor, raw: unknown): Promise<{ id: string }> {
  authorize(actor, "case.manage");
  const input = parseInput(createCaseRequest, raw);
  const pupil = await db.pupil.findFirst({ where: { authorityId: actor.authorityId, upn: input.upn.trim().toUpperCase() }, select: { id: true } });
  if (!pupil) throw new ValidationError({ upn: ["No pupil with this UPN in your authority"] });
  const officer = await db.appUser.findFirst({
    where: { authorityId: actor.authorityId, email: input.officerEmail.trim().toLowerCase(), disabled: false, role: { in: ["officer", "manager"] } },
    select: { id: true },
  });
  if (!officer) throw new ValidationError({ officerEmail: ["No officer with this email address in your authority"] });
  const target = input.target ?? DEFAULT_TARGET;
  if (input.windowStart) {
    const errors: FieldErrors = {};
    for (const p of validateTarget(target)) (errors[`target.${p.field}`] ??= []).push(p.message);
    const openedOn = input.openedOn ?? today();
    if (input.windowStart < openedOn) (errors.windowStart ??= []).push("The window cannot start before the case opens");
    if (input.windowStart > today()) (errors.windowStart ??= []).push("The window cannot start in the future");
    const calendar = await loadSchoolCalendar(actor.authorityId);
    if (!calendar.ok) (errors.windowStart ??= []).push(calendar.message);
    else {
      const planned = tryPlanWindow(calendar.calendar, input.windowStart, await loadWindowSettings(actor.authorityId));
      if (!planned.ok) (errors.windowStart ??= []).push(planned.message);
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  }
  const kase = await openCase(actor, { pupilId: pupil.id, parentIds: input.parentIds, assignedOfficerId: officer.id, openedOn: input.openedOn });
  if (input.windowStart) {
    await startWindow(actor, {
      caseId: kase.id, version: kase.version, startDate: input.windowStart,
      minAttendancePct: target.minAttendancePct, maxUnauthorisedSessions: target.maxUnauthorisedSessions,
    });
  }
  return { id: kase.id };
}

/** GET /api/v1/cases/{id}: the case's status, window, latest decision and referrals. Scope and audit: getCase. */
export async function getCaseViaApi(actor: Actor, caseId: string): Promise<z.input<typeof caseResponse>> {
  const kase = await getCase(actor, caseId, "api");
  const [decision, referrals] = await Promise.all([
    db.caseDecision.findFirst({ where: { caseId: kase.id }, orderBy: { windowStart: "desc" } }),
    db.prosecutionReferral.findMany({ where: { caseId: kase.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
  ]);
  return {
    id: kase.id,
    upn: kase.pupil.upn,
    status: kase.status,
    window: kase.window && kase.target ? { start: kase.window.start, end: kase.window.end, target: kase.target } : null,
    decision: decision
      ? { outcome: decision.outcome as "improved" | "referred", asOf: toIsoDate(decision.asOf), figures: decision.figures as Record<string, unknown> }
      : null,
    referrals: referrals.map((r) => ({
      id: r.id, parentId: r.parentId, status: r.status as "awaiting_review", offence: r.offence as "s444(1)" | null, createdAt: r.createdAt.toISOString(),
    })),
  };
}

const CHECKLIST_FIELDS = new Set(["attendanceCertificate", "lettersSent", "warningGiven", "supportOffered", "esoConsidered", "esoReasoning", "interviewUnderCaution", "defencesConsidered"]);

/** POST /api/v1/referrals/{id}/decision: approve (offence + checklist) or reject (reason, route), at the current version. */
export async function decideReferralViaApi(actor: Actor, referralId: string, raw: unknown) {
  authorize(actor, "referral.review");
  if (!UUID.test(referralId)) throw new NotFoundError("Referral");
  const current = await db.prosecutionReferral.findFirst({ where: { AND: [referralScope(actor), { id: referralId }] }, select: { version: true } });
  if (!current) throw new NotFoundError("Referral");
  const body = parseInput(referralDecisionRequest, raw);
  try {
    const saved = body.decision === "approve"
      ? await approveReferral(actor, { referralId, version: current.version, offence: body.offence, ...body.checklist })
      : await rejectReferral(actor, { referralId, version: current.version, reason: body.reason, route: body.route ?? "casework" });
    return { id: saved.id, status: saved.status as "approved", offence: saved.offence as "s444(1)" | null };
  } catch (error) {
    // The API names checklist items where the request has them: checklist.<field>.
    if (error instanceof ValidationError && !(error instanceof ConflictError)) {
      const renamed: FieldErrors = {};
      for (const [k, v] of Object.entries(error.fieldErrors)) renamed[CHECKLIST_FIELDS.has(k) ? `checklist.${k}` : k] = v;
      throw new ValidationError(renamed, error.formError);
    }
    throw error;
  }
}
