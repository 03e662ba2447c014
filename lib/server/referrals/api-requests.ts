import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { DEFAULT_TARGET } from "@/lib/domain/case-target";
import type { ReferralReason } from "@/lib/domain/referral-grounds";
import type { DecisionOutcome } from "@/lib/domain/decision-figures";
import { caseResponse, createCaseRequest, referralDecisionRequest } from "@/lib/schemas/api";
import type { z } from "zod";
import { authorize, type Actor } from "../actor";
import { getCase } from "../cases/get-case";
import { openCaseInTx, openCaseRefusal } from "../cases/open-case";
import { parseInput } from "../cases/parse-input";
import { startWindowInTx } from "../cases/start-window";
import { db } from "../db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "../errors";
import { approveReferral } from "./approve-referral";
import { referralScope, UUID } from "./referral-scope";
import { rejectReferral } from "./reject-referral";

// The JSON API's requests for cases and referrals, mapped onto the same server functions the pages use
// (openCase and startWindow in one transaction, approveReferral, rejectReferral), so no rule lives only in the API.

/** The officer the case is assigned to must be an enabled officer (checkAssignee and the database say so too). One
 * message for an unknown email, a manager's or a disabled officer's, so the answer reveals nothing about them. */
const OFFICER_EMAIL_PROBLEM =
  "officerEmail must be the email address of an active education welfare officer in your authority";
const TARGET_NEEDS_WINDOW = "target needs windowStart: the target is set when the window starts";
const ASSIGNEE_STARTS_WINDOW =
  "Only the officer assigned to the case, or a manager, can start its window: leave out " +
  "windowStart (the assigned officer starts the window from the case), or assign the case to yourself";

/** openCase's and startWindow's field names, as the request names them (openedOn and parentIds are the same). */
const REQUEST_FIELDS: Record<string, string> = {
  pupilId: "upn",
  assignedOfficerId: "officerEmail",
  startDate: "windowStart",
  minAttendancePct: "target.minAttendancePct",
  maxUnauthorisedSessions: "target.maxUnauthorisedSessions",
};

/**
 * A ValidationError from openCase or startWindow in the request's terms: each field renamed to the request's
 * (REQUEST_FIELDS), an officer problem given the API's message, and a form error dropped when a field already
 * carries it (openCase's "already has an open case" is both), so each problem is listed once.
 */
function inRequestTerms(error: ValidationError): ValidationError {
  const fieldErrors: FieldErrors = {};
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    const name = REQUEST_FIELDS[field] ?? field;
    for (const message of name === "officerEmail" ? [OFFICER_EMAIL_PROBLEM] : messages) {
      const list = (fieldErrors[name] ??= []);
      if (!list.includes(message)) list.push(message);
    }
  }
  const listed = new Set(Object.values(fieldErrors).flat());
  const formError = error.formError !== undefined && !listed.has(error.formError) ? error.formError : undefined;
  return error instanceof ConflictError
    ? new ConflictError(fieldErrors, formError)
    : new ValidationError(fieldErrors, formError);
}

/**
 * POST /api/v1/cases: opens a case for the pupil with this UPN (in the actor's authority), with the given parents
 * (which must be the pupil's) and the enabled officer with this email, and starts the window when windowStart is
 * given (a target only with windowStart). All or nothing: one transaction runs the pages' own openCase and
 * startWindow (openCaseInTx, startWindowInTx), so every rule is theirs and a refusal at either step saves nothing.
 * Here only the request's names are resolved (UPN to pupil, email to officer). Errors name the request's fields.
 */
export async function createCaseViaApi(actor: Actor, raw: unknown): Promise<{ id: string }> {
  authorize(actor, "case.manage");
  const input = parseInput(createCaseRequest, raw);
  const errors: FieldErrors = {};
  const problem = (field: string, message: string) => (errors[field] ??= []).push(message);

  const pupil = await db.pupil.findFirst({
    where: { authorityId: actor.authorityId, upn: input.upn.trim().toUpperCase() },
    select: { id: true },
  });
  if (!pupil) problem("upn", "No pupil with this UPN in your authority");
  const officer = await db.appUser.findFirst({
    where: {
      authorityId: actor.authorityId,
      email: input.officerEmail.trim().toLowerCase(),
      disabled: false,
      role: "officer",
    },
    select: { id: true },
  });
  if (!officer) problem("officerEmail", OFFICER_EMAIL_PROBLEM);
  if (input.target && !input.windowStart) problem("target", TARGET_NEEDS_WINDOW);
  if (!pupil || !officer || Object.keys(errors).length > 0) throw new ValidationError(errors);

  const target = input.target ?? DEFAULT_TARGET;
  try {
    return await db.$transaction(async (tx) => {
      const kase = await openCaseInTx(tx, actor, {
        pupilId: pupil.id,
        parentIds: input.parentIds,
        assignedOfficerId: officer.id,
        openedOn: input.openedOn,
      });
      if (input.windowStart) {
        try {
          await startWindowInTx(tx, actor, {
            caseId: kase.id,
            version: kase.version,
            startDate: input.windowStart,
            minAttendancePct: target.minAttendancePct,
            maxUnauthorisedSessions: target.maxUnauthorisedSessions,
          });
        } catch (error) {
          // The pages' rule (canChangeCase): only the assigned officer or a manager starts the window. In this
          // request the actor chose the officer, so it is a problem with the request's windowStart, not a 403.
          if (error instanceof ForbiddenError) throw new ValidationError({ windowStart: [ASSIGNEE_STARTS_WINDOW] });
          throw error;
        }
      }
      return { id: kase.id };
    });
  } catch (error) {
    const refusal = openCaseRefusal(error);
    throw refusal instanceof ValidationError ? inRequestTerms(refusal) : refusal;
  }
}

/** GET /api/v1/cases/{id}: the case's status, window, latest decision and referrals. Scope and audit: getCase. */
export async function getCaseViaApi(
  actor: Actor,
  caseId: string,
  reason?: string,
): Promise<z.input<typeof caseResponse>> {
  const kase = await getCase(actor, caseId, "api", reason);
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
      ? {
          outcome: decision.outcome as DecisionOutcome,
          asOf: toIsoDate(decision.asOf),
          figures: decision.figures as Record<string, unknown>,
          reasons: decision.reasons as ReferralReason[],
        }
      : null,
    referrals: referrals.map((r) => ({
      id: r.id,
      parentId: r.parentId,
      status: r.status as "awaiting_review",
      offence: r.offence as "s444(1)" | null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

const CHECKLIST_FIELDS = new Set([
  "attendanceCertificate",
  "lettersSent",
  "warningGiven",
  "supportOffered",
  "esoConsidered",
  "esoReasoning",
  "interviewUnderCaution",
  "defencesConsidered",
]);

/** POST /api/v1/referrals/{id}/decision: approve (offence + checklist) or reject (reason, route), at the current version. */
export async function decideReferralViaApi(actor: Actor, referralId: string, raw: unknown) {
  authorize(actor, "referral.review");
  if (!UUID.test(referralId)) throw new NotFoundError("Referral");
  const current = await db.prosecutionReferral.findFirst({
    where: { AND: [referralScope(actor), { id: referralId }] },
    select: { version: true },
  });
  if (!current) throw new NotFoundError("Referral");
  const body = parseInput(referralDecisionRequest, raw);
  try {
    const saved =
      body.decision === "approve"
        ? await approveReferral(actor, {
            referralId,
            version: current.version,
            offence: body.offence,
            ...body.checklist,
          })
        : await rejectReferral(actor, {
            referralId,
            version: current.version,
            reason: body.reason,
            route: body.route ?? "casework",
          });
    return { id: saved.id, status: saved.status as "approved", offence: saved.offence as "s444(1)" | null };
  } catch (error) {
    // The API names checklist items where the request has them: checklist.<field>.
    if (error instanceof ValidationError && !(error instanceof ConflictError)) {
      const renamed: FieldErrors = {};
      for (const [k, v] of Object.entries(error.fieldErrors))
        renamed[CHECKLIST_FIELDS.has(k) ? `checklist.${k}` : k] = v;
      throw new ValidationError(renamed, error.formError);
    }
    throw error;
  }
}
