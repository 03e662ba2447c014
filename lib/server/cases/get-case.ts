import "server-only";
import type { CaseState, CloseOutcome } from "@/lib/domain/case-state";
import { toIsoDate } from "@/lib/domain/dates";
import type { CaseEventKind, FlagStatus } from "@/lib/schemas/case";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { pgPool } from "../pg";
import { NotFoundError } from "../errors";
import { findUserNames } from "../users/find-user-names";
import { findCaseParents } from "./find-case-parents";
import { findCasePupil } from "./find-case-pupil";
import { findScopedCase } from "./find-scoped-case";

export type CaseDetail = Awaited<ReturnType<typeof getCase>>;

/** The case page's sections whose reads its one case.view row records (see CASE_VIEW_COVERS). */
export type CaseViewSection = "decision" | "letters" | "referrals" | "penalty_notices";

/**
 * For a section's read on the case page: the page's case.view row (written first, by getCasePage) already records
 * it, so the section writes no row of its own. One audit row per view instead of four: each row takes the
 * authority's chain lock until its commit (ADR 053). Anywhere else the section's reads audit themselves.
 */
export const CASE_VIEW_COVERS = { auditedBy: "case.view" } as const;
export type ViewAudit = { auditedBy?: "case.view" };

/**
 * One case with its pupil, parties, sibling links, flags and timeline (newest first), within the actor's scope;
 * out of scope is NotFoundError. Roles without case.read (school staff following a flag, administrators) get
 * NotFoundError too rather than ForbiddenError, so that a case link reveals nothing, not even that the case
 * exists. Each read is recorded in the audit log.
 */
export async function getCase(
  actor: Actor,
  caseId: string,
  via: "page" | "api" = "page",
  reason?: string,
  /** What else the page shows of the case, recorded on this one row instead of a row each (getCasePage). */
  shows?: readonly CaseViewSection[],
) {
  if (!can(actor, "case.read") || !/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  // The case's own row is the one its page's sections read too (findScopedCase), and its parents and users are
  // read once for the whole page (findCaseParents, findUserNames): one read each per request.
  const kase = await findScopedCase(actor, caseId);
  if (!kase) throw new NotFoundError("Case");
  const [own, pupil, caseParents, users] = await Promise.all([
    readCaseRows(kase.authorityId, kase.id),
    findCasePupil(kase.authorityId, kase.pupilId),
    findCaseParents(kase.authorityId, kase.id),
    findUserNames(kase.authorityId),
  ]);
  const { events, flags, links } = own;
  // The parties with their link to the pupil (a party with no link to the pupil is not listed, as before).
  const parents = [...caseParents.values()].filter((p) => p.party && p.relationship !== null);
  const nameOf = (id: string) => users.get(id)?.name ?? "Unknown user";

  // A manager's read of another officer's case carries the reason they gave first (the case page asks for it).
  await audit(actor, {
    action: "case.view",
    entityType: "case",
    entityId: kase.id,
    reason,
    detail: shows ? { via, shows } : { via },
  });
  return {
    id: kase.id,
    version: kase.version,
    status: kase.status as CaseState,
    pupil: { id: pupil.id, upn: pupil.upn, firstName: pupil.firstName, lastName: pupil.lastName },
    assignedOfficer: { id: kase.assignedOfficerId, name: nameOf(kase.assignedOfficerId) },
    openedOn: toIsoDate(kase.openedOn),
    backDated: kase.backDated,
    window:
      kase.windowStart && kase.windowEnd
        ? { start: toIsoDate(kase.windowStart), end: toIsoDate(kase.windowEnd) }
        : null,
    target: kase.windowStart
      ? {
          minAttendancePct: kase.targetMinAttendanceTenths === null ? null : kase.targetMinAttendanceTenths / 10,
          maxUnauthorisedSessions: kase.targetMaxUnauthorised,
        }
      : null,
    closeOutcome: kase.closeOutcome as CloseOutcome | null,
    closeReason: kase.closeReason,
    parties: parents.map((parent) => ({
      id: parent.id,
      firstName: parent.firstName,
      lastName: parent.lastName,
      relationship: parent.relationship!,
      parentalResponsibility: parent.parentalResponsibility!,
    })),
    linkedCases: links.map((l) => ({
      id: l.id,
      status: l.status as CaseState,
      pupilName: l.first_name !== null ? `${l.first_name} ${l.last_name}` : "",
    })),
    flags: flags.map((f) => ({
      id: f.id,
      status: f.status as FlagStatus,
      reason: f.reason,
      createdAt: new Date(f.created_at),
    })),
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind as CaseEventKind,
      occurredOn: e.occurred_on,
      note: e.note,
      details: e.details as Prisma.JsonValue,
      // Decisions of the daily job have no user behind them.
      actor: e.actor_user_id
        ? { id: e.actor_user_id, name: nameOf(e.actor_user_id) }
        : { id: null, name: "Fast Track (daily job)" },
      recordedAt: new Date(e.created_at),
      // A visit, meeting or call recorded in full, with the parents seen named (issue 15).
      contact:
        e.contact_outcome && e.contact_time && e.next_step
          ? {
              time: e.contact_time,
              outcome: e.contact_outcome,
              childSeen: e.child_seen,
              othersSeen: e.others_seen,
              nextStep: e.next_step,
              parentsSeen: e.parent_ids.flatMap((parentId) => {
                const parent = parents.find((l) => l.id === parentId);
                return parent ? [`${parent.firstName} ${parent.lastName}`] : [];
              }),
            }
          : null,
      correction:
        e.corrected_at && e.corrected_by
          ? { at: new Date(e.corrected_at), by: nameOf(e.corrected_by), reason: e.correction_reason ?? "" }
          : null,
    })),
  };
}

/**
 * A case's own rows the page shows, in one statement (ADR 079; it was five queries): its timeline (newest first, each
 * entry with the parents it names), its school flags (oldest first) and its sibling links in either direction with
 * each sibling case's status and pupil. The case is already found in the actor's scope.
 */
async function readCaseRows(authorityId: string, caseId: string) {
  const { rows } = await pgPool().query<{
    events: {
      id: string;
      kind: string;
      occurred_on: string;
      note: string;
      actor_user_id: string | null;
      details: unknown;
      created_at: string;
      corrected_at: string | null;
      corrected_by: string | null;
      correction_reason: string | null;
      contact_time: string | null;
      contact_outcome: string | null;
      child_seen: boolean | null;
      others_seen: string | null;
      next_step: string | null;
      parent_ids: string[];
    }[];
    flags: { id: string; status: string; reason: string; created_at: string }[];
    links: { id: string; status: string; first_name: string | null; last_name: string | null }[];
  }>(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object('id', e.id, 'kind', e.kind, 'occurred_on', e.occurred_on,
                 'note', e.note, 'actor_user_id', e.actor_user_id, 'details', e.details, 'created_at', e.created_at,
                 'corrected_at', e.corrected_at, 'corrected_by', e.corrected_by, 'correction_reason', e.correction_reason,
                 'contact_time', e.contact_time, 'contact_outcome', e.contact_outcome, 'child_seen', e.child_seen,
                 'others_seen', e.others_seen, 'next_step', e.next_step,
                 'parent_ids', (SELECT coalesce(json_agg(p.parent_id), '[]') FROM case_event_party p
                                WHERE p.authority_id = e.authority_id AND p.event_id = e.id))
               ORDER BY e.occurred_on DESC, e.created_at DESC, e.id DESC), '[]')
        FROM case_event e WHERE e.authority_id = $1 AND e.case_id = $2) AS events,
       (SELECT coalesce(json_agg(json_build_object('id', f.id, 'status', f.status, 'reason', f.reason,
                 'created_at', f.created_at) ORDER BY f.created_at, f.id), '[]')
        FROM case_flag f WHERE f.authority_id = $1 AND f.case_id = $2) AS flags,
       (SELECT coalesce(json_agg(json_build_object('id', c.id, 'status', c.status, 'first_name', s.first_name,
                 'last_name', s.last_name)), '[]')
        FROM case_link l
        JOIN attendance_case c ON c.authority_id = l.authority_id
          AND c.id = CASE WHEN l.case_id = $2 THEN l.linked_case_id ELSE l.case_id END
        LEFT JOIN pupil s ON s.authority_id = c.authority_id AND s.id = c.pupil_id
        WHERE l.authority_id = $1 AND (l.case_id = $2 OR l.linked_case_id = $2)) AS links`,
    [authorityId, caseId],
  );
  return rows[0]!;
}
