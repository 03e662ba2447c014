import "server-only";
import { CASE_STATE_LABELS, type CaseState } from "@/lib/domain/case-state";
import { toIsoDate } from "@/lib/domain/dates";
import type { WindowPlan } from "@/lib/domain/fast-track-window";
import { LETTER_KIND_LABELS, type LetterKind } from "@/lib/domain/letters";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { pupilScope } from "../pupils/pupil-scope";
import { schoolCaseScope } from "./school-case-scope";

export type SchoolCaseView = Awaited<ReturnType<typeof getSchoolCaseView>>;

/**
 * What school staff see of a case their school's flag opened (issue 15, "Schools kept in the loop"): the case
 * officer, the state, the Fast Track window's dates, target and milestones, the letters sent (kind, to whom, when),
 * the window's decision in plain words, and their own school's flags on it. Never the timeline's notes, the
 * family's casework, the evidence or anything about a prosecution. In scope only through schoolCaseScope and for a
 * pupil on roll at their school today; otherwise NotFoundError. Audited.
 */
export async function getSchoolCaseView(actor: Actor, caseId: string) {
  if (!can(actor, "case.follow") || !/^[0-9a-f-]{36}$/i.test(caseId)) throw new NotFoundError("Case");
  const kase = await db.attendanceCase.findFirst({
    where: { AND: [schoolCaseScope(actor), { id: caseId }] },
    include: {
      flags: { where: { schoolId: actor.schoolId! }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      events: {
        where: { kind: { in: ["window_started", "decision_improved", "decision_referred", "decision_not_referred"] } },
      },
      decisions: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1 },
    },
  });
  if (!kase) throw new NotFoundError("Case");
  const pupil = await db.pupil.findFirst({
    where: { AND: [pupilScope(actor), { id: kase.pupilId }] },
    select: { id: true, firstName: true, lastName: true, upn: true },
  });
  if (!pupil) throw new NotFoundError("Case");
  const [officer, letters] = await Promise.all([
    db.appUser.findFirst({
      where: { id: kase.assignedOfficerId, authorityId: kase.authorityId },
      select: { name: true, email: true },
    }),
    db.caseLetter.findMany({
      where: { caseId: kase.id, authorityId: kase.authorityId },
      select: { id: true, kind: true, sentOn: true, parentId: true },
      orderBy: [{ sentOn: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  const parents = await db.parent.findMany({
    where: { id: { in: [...new Set(letters.map((l) => l.parentId))] }, authorityId: kase.authorityId },
    select: { id: true, title: true, firstName: true, lastName: true },
  });
  const started = kase.events.find((e) => e.kind === "window_started");
  const plan = (started?.details as { plan?: WindowPlan } | null)?.plan ?? null;
  const decision = kase.decisions[0] ?? null;
  await audit(actor, {
    action: "case.school_view",
    entityType: "case",
    entityId: kase.id,
    detail: { pupilId: pupil.id },
  });
  return {
    id: kase.id,
    pupil,
    status: kase.status as CaseState,
    statusLabel: CASE_STATE_LABELS[kase.status as CaseState] ?? kase.status,
    openedOn: toIsoDate(kase.openedOn),
    officer: { name: officer?.name ?? "Not known", email: officer?.email ?? null },
    window:
      kase.windowStart && kase.windowEnd
        ? {
            start: toIsoDate(kase.windowStart),
            end: toIsoDate(kase.windowEnd),
            target: {
              minAttendancePct: kase.targetMinAttendanceTenths === null ? null : kase.targetMinAttendanceTenths / 10,
              maxUnauthorisedSessions: kase.targetMaxUnauthorised,
            },
            milestones: (plan?.milestones ?? []).map((m) => ({ key: m.key, label: m.label, week: m.week, due: m.due })),
          }
        : null,
    decision: decision
      ? {
          on: toIsoDate(decision.asOf),
          met: decision.outcome === "improved",
        }
      : null,
    letters: letters.map((l) => {
      const parent = parents.find((p) => p.id === l.parentId);
      return {
        id: l.id,
        kind: LETTER_KIND_LABELS[l.kind as LetterKind] ?? l.kind,
        sentOn: toIsoDate(l.sentOn),
        to: parent ? [parent.title, parent.firstName, parent.lastName].filter(Boolean).join(" ") : "A parent or carer",
      };
    }),
    flags: kase.flags.map((f) => ({ id: f.id, flaggedAt: f.createdAt, status: f.status })),
  };
}

/** The case a pupil on roll at the actor's school has open through one of the school's flags, if any (for the
 * pupil's page and the flag list): its id, or null. Not audited: no case detail is read. */
export async function findSchoolCaseIdForPupil(actor: Actor, pupilId: string): Promise<string | null> {
  if (!can(actor, "case.follow")) return null;
  const kase = await db.attendanceCase.findFirst({
    where: { AND: [schoolCaseScope(actor), { pupilId }] },
    orderBy: [{ openedOn: "desc" }, { id: "asc" }],
    select: { id: true },
  });
  return kase?.id ?? null;
}
