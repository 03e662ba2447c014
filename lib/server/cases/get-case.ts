import "server-only";
import type { CaseState, CloseOutcome } from "@/lib/domain/case-state";
import { toIsoDate } from "@/lib/domain/dates";
import type { CaseEventKind, FlagStatus } from "@/lib/schemas/case";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
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
  const where = { caseId: kase.id, authorityId: kase.authorityId };
  const [events, flags, links, pupil, caseParents, users] = await Promise.all([
    db.caseEvent.findMany({
      where,
      orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }],
      include: { parties: true },
    }),
    db.caseFlag.findMany({ where, orderBy: { createdAt: "asc" } }),
    db.caseLink.findMany({
      where: { authorityId: kase.authorityId, OR: [{ caseId: kase.id }, { linkedCaseId: kase.id }] },
    }),
    findCasePupil(kase.authorityId, kase.pupilId),
    findCaseParents(kase.authorityId, kase.id),
    findUserNames(kase.authorityId),
  ]);
  // The parties with their link to the pupil (a party with no link to the pupil is not listed, as before).
  const parents = [...caseParents.values()].filter((p) => p.party && p.relationship !== null);

  const linkedIds = links.map((l) => (l.caseId === kase.id ? l.linkedCaseId : l.caseId));
  const linked =
    linkedIds.length === 0
      ? []
      : await db.attendanceCase.findMany({
          where: { id: { in: linkedIds }, authorityId: kase.authorityId },
          select: { id: true, pupilId: true, status: true },
        });
  const linkedPupils =
    linked.length === 0
      ? []
      : await db.pupil.findMany({
          where: { id: { in: linked.map((l) => l.pupilId) }, authorityId: kase.authorityId },
          select: { id: true, firstName: true, lastName: true },
        });
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
    linkedCases: linked.map((l) => {
      const p = linkedPupils.find((x) => x.id === l.pupilId);
      return { id: l.id, status: l.status as CaseState, pupilName: p ? `${p.firstName} ${p.lastName}` : "" };
    }),
    flags: flags.map((f) => ({
      id: f.id,
      status: f.status as FlagStatus,
      reason: f.reason,
      createdAt: f.createdAt,
    })),
    timeline: events.map((e) => ({
      id: e.id,
      kind: e.kind as CaseEventKind,
      occurredOn: toIsoDate(e.occurredOn),
      note: e.note,
      details: e.details,
      // Decisions of the daily job have no user behind them.
      actor: e.actorUserId
        ? { id: e.actorUserId, name: nameOf(e.actorUserId) }
        : { id: null, name: "Fast Track (daily job)" },
      recordedAt: e.createdAt,
      // A visit, meeting or call recorded in full, with the parents seen named (issue 15).
      contact:
        e.contactOutcome && e.contactTime && e.nextStep
          ? {
              time: e.contactTime,
              outcome: e.contactOutcome,
              childSeen: e.childSeen,
              othersSeen: e.othersSeen,
              nextStep: e.nextStep,
              parentsSeen: e.parties.flatMap((p) => {
                const parent = parents.find((l) => l.id === p.parentId);
                return parent ? [`${parent.firstName} ${parent.lastName}`] : [];
              }),
            }
          : null,
      correction:
        e.correctedAt && e.correctedBy
          ? { at: e.correctedAt, by: nameOf(e.correctedBy), reason: e.correctionReason ?? "" }
          : null,
    })),
  };
}
