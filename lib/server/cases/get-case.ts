import "server-only";
import type { CaseState, CloseOutcome } from "@/lib/domain/case-state";
import { toIsoDate } from "@/lib/domain/dates";
import type { CaseEventKind, FlagStatus } from "@/lib/schemas/case";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { caseScope } from "./case-scope";

export type CaseDetail = Awaited<ReturnType<typeof getCase>>;

/** The case page's sections whose reads its one case.view row records (see CASE_VIEW_COVERS). */
export type CaseViewSection = "letters" | "referrals" | "penalty_notices";

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
  const kase = await db.attendanceCase.findFirst({
    where: { AND: [caseScope(actor), { id: caseId }] },
    include: {
      parties: true,
      events: { orderBy: [{ occurredOn: "desc" }, { createdAt: "desc" }], include: { parties: true } },
      flags: { orderBy: { createdAt: "asc" } },
      linksFrom: true,
      linksTo: true,
    },
  });
  if (!kase) throw new NotFoundError("Case");

  const linkedIds = [...kase.linksFrom.map((l) => l.linkedCaseId), ...kase.linksTo.map((l) => l.caseId)];
  const userIds = [
    ...new Set([
      kase.assignedOfficerId,
      ...kase.events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])),
      ...kase.events.flatMap((e) => (e.correctedBy ? [e.correctedBy] : [])),
    ]),
  ];
  const [pupil, parents, users, linked] = await Promise.all([
    db.pupil.findFirstOrThrow({ where: { id: kase.pupilId, authorityId: kase.authorityId } }),
    db.pupilParent.findMany({
      where: { pupilId: kase.pupilId, parentId: { in: kase.parties.map((p) => p.parentId) } },
      include: { parent: true },
    }),
    db.appUser.findMany({
      where: { id: { in: userIds }, authorityId: kase.authorityId },
      select: { id: true, name: true },
    }),
    db.attendanceCase.findMany({
      where: { id: { in: linkedIds }, authorityId: kase.authorityId },
      select: { id: true, pupilId: true, status: true },
    }),
  ]);
  const linkedPupils =
    linked.length === 0
      ? []
      : await db.pupil.findMany({
          where: { id: { in: linked.map((l) => l.pupilId) } },
          select: { id: true, firstName: true, lastName: true },
        });
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? "Unknown user";

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
    parties: parents.map((link) => ({
      id: link.parent.id,
      firstName: link.parent.firstName,
      lastName: link.parent.lastName,
      relationship: link.relationship,
      parentalResponsibility: link.parentalResponsibility,
    })),
    linkedCases: linked.map((l) => {
      const p = linkedPupils.find((x) => x.id === l.pupilId);
      return { id: l.id, status: l.status as CaseState, pupilName: p ? `${p.firstName} ${p.lastName}` : "" };
    }),
    flags: kase.flags.map((f) => ({
      id: f.id,
      status: f.status as FlagStatus,
      reason: f.reason,
      createdAt: f.createdAt,
    })),
    timeline: kase.events.map((e) => ({
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
                const link = parents.find((l) => l.parent.id === p.parentId);
                return link ? [`${link.parent.firstName} ${link.parent.lastName}`] : [];
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
