import "server-only";
import { redirect } from "next/navigation";
import { can } from "@/lib/domain/permissions";
import {
  ACCESS_REASON_HEADER,
  accessReasonProblem,
  hasCaseload,
  needsAccessReason,
  needsPupilAccessReason,
  REASON_LIFETIME_HOURS,
} from "@/lib/domain/access-reason";
import { accessReasonSchema, pupilAccessReasonSchema } from "@/lib/schemas/access-reason";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { orNotFound } from "../not-found";
import { pupilScope } from "../pupils/pupil-scope";
import { findUserNames } from "../users/find-user-names";
import { findScopedCase } from "./find-scoped-case";
import { parseInput } from "./parse-input";

export type AccessReasonCheck = { needed: false } | { needed: true; reason: string | null; assignedOfficer: string };

async function loadCase(actor: Actor, caseId: string) {
  authorize(actor, "case.read");
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  // The case page reads the same row again for its sections: one read per request (findScopedCase's cache()).
  const kase = await findScopedCase(actor, caseId);
  if (!kase) throw new NotFoundError("Case");
  return { id: kase.id, authorityId: kase.authorityId, assignedOfficerId: kase.assignedOfficerId };
}

/**
 * Whether the actor must give a reason before this case is shown (a manager or officer, on a case assigned to someone
 * else), and the
 * reason they gave for it in this session within the last hours, if any. Out of scope is NotFoundError. Reads
 * nothing of the child's record but who the case is assigned to, and writes nothing.
 */
export async function checkAccessReason(actor: Actor, caseId: string): Promise<AccessReasonCheck> {
  const kase = await loadCase(actor, caseId);
  if (!needsAccessReason(actor, kase)) return { needed: false };
  const [{ rows }, officer] = await Promise.all([
    db
      .$queryRawUnsafe<{ reason: string }[]>(
        `SELECT reason FROM audit_log
       WHERE actor_user_id = $1::uuid AND at > now() - make_interval(hours => $5) AND authority_id = $2::uuid
         AND action = 'case.access_reason' AND entity_type = 'case' AND entity_id = $3
         AND session_id IS NOT DISTINCT FROM $4
       ORDER BY at DESC, chain_seq DESC LIMIT 1`,
        actor.id,
        kase.authorityId,
        kase.id,
        actor.sessionId ?? null,
        REASON_LIFETIME_HOURS,
      )
      .then((rows) => ({ rows })),
    findUserNames(kase.authorityId).then((users) => users.get(kase.assignedOfficerId)),
  ]);
  return { needed: true, reason: rows[0]?.reason ?? null, assignedOfficer: officer?.name ?? "another officer" };
}

/** Records the reason a manager or officer gave for opening a case outside their caseload (audited, with the reason on the
 * row); the case page then shows the case and puts the same reason on its read. */
export async function giveAccessReason(actor: Actor, raw: unknown): Promise<{ caseId: string }> {
  const input = parseInput(accessReasonSchema, raw);
  const kase = await loadCase(actor, input.caseId);
  await audit(actor, {
    action: "case.access_reason",
    entityType: "case",
    entityId: kase.id,
    reason: input.reason,
    detail: { assignedOfficerId: kase.assignedOfficerId },
  });
  return { caseId: kase.id };
}

/**
 * The one check for every page of a case (the case page and each of its sub-pages, and its file routes): a manager
 * or officer on a case assigned to someone else who has not given a reason this session is sent to the reason page first, which
 * returns them to the sub-page (`letters/new`, a path under the same case). Call it before anything of the case is read. Out of scope
 * renders the 404 page.
 */
export async function askReasonFirst(actor: Actor, caseId: string, subPage: string): Promise<string | undefined> {
  const access = await orNotFound(checkAccessReason(actor, caseId));
  if (!access.needed) return undefined;
  if (!access.reason) redirect(`/cases/${caseId}/reason?next=${encodeURIComponent(`/cases/${caseId}/${subPage}`)}`);
  return access.reason;
}

/** The same check for the case's file routes (a letter's PDF, letters printed together): the redirect to the reason
 * page when a reason is needed and not yet given, or null (`subPage` null: the reason page returns to the case). Out of scope is NotFoundError (the route's
 * plain 404). */
export async function reasonPageRedirect(
  actor: Actor,
  caseId: string,
  subPage: string | null,
): Promise<Response | null> {
  const access = await checkAccessReason(actor, caseId);
  if (!access.needed || access.reason) return null;
  const next = subPage === null ? "" : `?next=${encodeURIComponent(`/cases/${caseId}/${subPage}`)}`;
  return new Response(null, { status: 303, headers: { Location: `/cases/${caseId}/reason${next}` } });
}

/** The reason an API client gave in its header, checked as the form checks it, or a ValidationError naming the
 * header (the API's 422). */
function reasonFromHeader(request: Request): string {
  const given = request.headers.get(ACCESS_REASON_HEADER);
  const problem = accessReasonProblem(given ?? "");
  if (given === null || problem) {
    throw new ValidationError({
      [ACCESS_REASON_HEADER]: [
        given === null
          ? `Give the reason you need this record, outside your caseload, in the ${ACCESS_REASON_HEADER} header (5 to 500 characters)`
          : problem!,
      ],
    });
  }
  return given.trim();
}

/**
 * The same check for the API's reads of a case: a manager or officer reading a case assigned to someone else gives
 * the reason in the
 * X-Access-Reason header; it is audited (case.access_reason) and returned for the read's own audit row. Without it
 * the answer is 422 and nothing of the case is read. Others (and a manager's own cases) need none.
 */
export async function apiCaseAccessReason(actor: Actor, caseId: string, request: Request): Promise<string | undefined> {
  // A role that may not read cases gets the read's own answer, 404 (as getCase gives it), never a hint.
  if (!can(actor, "case.read")) throw new NotFoundError("Case");
  const kase = await loadCase(actor, caseId);
  if (!needsAccessReason(actor, kase)) return undefined;
  const reason = reasonFromHeader(request);
  await audit(actor, {
    action: "case.access_reason",
    entityType: "case",
    entityId: kase.id,
    reason,
    detail: { assignedOfficerId: kase.assignedOfficerId, via: "api" },
  });
  return reason;
}

/**
 * And for the API's reads of a pupil: a manager or officer reading a pupil whose cases are all someone else's gives
 * the reason in the header (audited as pupil.access_reason). A pupil outside the actor's scope is NotFoundError.
 */
export async function apiPupilAccessReason(actor: Actor, upn: string, request: Request): Promise<string | undefined> {
  const pupil = await loadPupil(actor, { upn: upn.trim().toUpperCase() });
  if (!needsPupilAccessReason(actor, pupil.cases)) return undefined;
  const reason = reasonFromHeader(request);
  await audit(actor, { action: "pupil.access_reason", entityType: "pupil", entityId: pupil.id, reason });
  return reason;
}

async function loadPupil(actor: Actor, which: { id: string } | { upn: string }) {
  authorize(actor, "pupil.read");
  if ("id" in which && !/^[0-9a-f-]{36}$/i.test(which.id)) throw new NotFoundError("Pupil");
  const pupil = await db.pupil.findFirst({
    where: { AND: [pupilScope(actor), which] },
    select: { id: true, authorityId: true },
  });
  if (!pupil) throw new NotFoundError("Pupil");
  const cases = await db.attendanceCase.findMany({
    where: { authorityId: pupil.authorityId, pupilId: pupil.id },
    select: { id: true, assignedOfficerId: true },
  });
  return { ...pupil, cases };
}

export type PupilAccessReasonCheck = { needed: false } | { needed: true; reason: string | null };

/**
 * Whether the actor must give a reason before this pupil's record is shown on their pages (a manager or officer,
 * when the pupil has cases and none is theirs), and the reason given this session within the last hours: one given
 * for the pupil, or for one of the pupil's cases (opening the case already said why the child's record is needed).
 * Out of scope is NotFoundError. Writes nothing.
 */
export async function checkPupilAccessReason(actor: Actor, pupilId: string): Promise<PupilAccessReasonCheck> {
  if (!hasCaseload(actor.role)) return { needed: false }; // the page's own read judges scope and role
  const pupil = await loadPupil(actor, { id: pupilId });
  if (!needsPupilAccessReason(actor, pupil.cases)) return { needed: false };
  const rows = await db.$queryRawUnsafe<{ reason: string }[]>(
    `SELECT reason FROM audit_log
     WHERE actor_user_id = $1::uuid AND at > now() - make_interval(hours => $6) AND authority_id = $2::uuid
       AND ((action = 'pupil.access_reason' AND entity_type = 'pupil' AND entity_id = $3)
         OR (action = 'case.access_reason' AND entity_type = 'case' AND entity_id = ANY($4::text[])))
       AND session_id IS NOT DISTINCT FROM $5
     ORDER BY at DESC, chain_seq DESC LIMIT 1`,
    actor.id,
    pupil.authorityId,
    pupil.id,
    pupil.cases.map((c) => c.id),
    actor.sessionId ?? null,
    REASON_LIFETIME_HOURS,
  );
  return { needed: true, reason: rows[0]?.reason ?? null };
}

/** Records the reason a manager or officer gave for opening a pupil's record outside their caseload (audited, the
 * reason on the row). */
export async function givePupilAccessReason(actor: Actor, raw: unknown): Promise<{ pupilId: string }> {
  const input = parseInput(pupilAccessReasonSchema, raw);
  const pupil = await loadPupil(actor, { id: input.pupilId });
  await audit(actor, {
    action: "pupil.access_reason",
    entityType: "pupil",
    entityId: pupil.id,
    reason: input.reason,
    detail: { assignedOfficerIds: [...new Set(pupil.cases.map((c) => c.assignedOfficerId))] },
  });
  return { pupilId: pupil.id };
}

/**
 * The check for a pupil's pages (`subPage` "" for the pupil's page, "attendance"): a manager or officer who must give
 * a reason and has not is sent to the pupil's reason page, which returns them here. Call it before anything of the
 * pupil is read; returns the reason for the read's audit row. Out of scope renders the 404 page.
 */
export async function askPupilReasonFirst(
  actor: Actor,
  pupilId: string,
  subPage: "" | "attendance",
): Promise<string | undefined> {
  const access = await orNotFound(checkPupilAccessReason(actor, pupilId));
  if (!access.needed) return undefined;
  if (!access.reason) {
    const next = subPage ? `?next=${encodeURIComponent(`/pupils/${pupilId}/${subPage}`)}` : "";
    redirect(`/pupils/${pupilId}/reason${next}`);
  }
  return access.reason;
}
