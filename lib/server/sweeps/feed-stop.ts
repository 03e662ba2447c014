import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatUkDate } from "@/lib/domain/dates";
import { academicYearStart } from "@/lib/domain/school-calendar";
import { STOP_OUTCOME_LABELS, stopFeed, type StopFeed } from "@/lib/domain/sweeps";
import type { SweepStop } from "@/lib/schemas/sweeps";
import type { Actor } from "../actor";
import { figures, pupilCounts } from "../attendance/attendance-figures";
import type { AuditEntry } from "../audit";
import { dateOnly, type Tx } from "../db";
import { ValidationError } from "../errors";
import { pgPool } from "../pg";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

/** What resolving a stop found: the pupil (when the UPN is the authority's), what it fed in casework, and the audit
 * rows for what it wrote (the caller appends them last in its transaction, as the audit writer asks). */
export type FedStop = {
  pupilId: string | null;
  feed: StopFeed;
  caseId: string | null;
  flagId: string | null;
  audits: AuditEntry[];
};

/**
 * Finds the stopped child in the actor's authority by UPN (current or former), and feeds casework when the child
 * was stopped without a valid reason: an entry on the open case's timeline, or a flag for the school the child is on
 * roll at on the sweep's date (as if the school had flagged them, with the sweep as the reason). A child who already
 * has a flag waiting for triage keeps that flag, and the stop is linked to it. A UPN that is not the authority's is
 * refused with a message on the stop's UPN field; children from elsewhere are recorded by name and school.
 */
export async function feedStop(
  tx: Tx,
  actor: Actor,
  sweep: { id: string; sweepDate: string; area: string },
  stop: SweepStop,
  field: string,
): Promise<FedStop> {
  let pupil: { id: string } | null = null;
  if (stop.upn) {
    pupil = await tx.pupil.findFirst({
      where: { authorityId: actor.authorityId, OR: [{ upn: stop.upn }, { formerUpn: stop.upn }] },
      select: { id: true },
    });
    if (!pupil) {
      throw new ValidationError({
        [`${field}.upn`]: [
          `No pupil with UPN ${stop.upn} is recorded in ${actor.authorityName}: record a child from outside the authority by name and school instead`,
        ],
      });
    }
  }
  const openCase = pupil
    ? await tx.attendanceCase.findFirst({
        where: { authorityId: actor.authorityId, pupilId: pupil.id, status: { not: "closed" } },
        select: { id: true },
      })
    : null;
  const day = dateOnly(sweep.sweepDate);
  const enrolment = pupil
    ? await tx.enrolment.findFirst({
        where: {
          authorityId: actor.authorityId,
          pupilId: pupil.id,
          startDate: { lte: day },
          OR: [{ endDate: null }, { endDate: { gte: day } }],
        },
        orderBy: [{ startDate: "desc" }, { id: "asc" }],
        select: { schoolId: true },
      })
    : null;
  const feed = stopFeed({
    validReason: stop.validReason,
    pupilFound: pupil !== null,
    hasOpenCase: openCase !== null,
    hasCurrentSchool: enrolment !== null,
  });
  const what = `Stopped in a truancy sweep on ${formatUkDate(sweep.sweepDate)} (${sweep.area}) without a valid reason. Reason given: "${stop.reason}". ${STOP_OUTCOME_LABELS[stop.outcome]}${stop.withParent ? "; the child was with a parent or carer" : ""}.`;

  if (feed === "case_timeline") {
    await writeTimelineEvents(tx, [
      {
        caseId: openCase!.id,
        authorityId: actor.authorityId,
        kind: "truancy_sweep",
        occurredOn: sweep.sweepDate,
        note: what,
        actorUserId: actor.id,
        details: { sweepId: sweep.id, validReason: stop.validReason, outcome: stop.outcome },
      },
    ]);
    const audits = [
      {
        action: "case.add_event",
        entityType: "case",
        entityId: openCase!.id,
        detail: { kind: "truancy_sweep", sweepId: sweep.id },
      },
    ];
    return { pupilId: pupil!.id, feed, caseId: openCase!.id, flagId: null, audits };
  }
  if (feed === "school_flag") {
    const waiting = await tx.caseFlag.findFirst({ where: { pupilId: pupil!.id, status: "new" }, select: { id: true } });
    if (waiting) return { pupilId: pupil!.id, feed, caseId: null, flagId: waiting.id, audits: [] };
    // The same snapshot a school's flag carries: the pupil's attendance at that school over the year so far.
    const from = `${academicYearStart(sweep.sweepDate)}-09-01`;
    const counts = await pupilCounts(pgPool(), pupil!.id, from, sweep.sweepDate, enrolment!.schoolId);
    const snapshot = { from, to: sweep.sweepDate, basis: "academic_year_to_date", ...figures(counts) };
    const flag = await tx.caseFlag.create({
      data: {
        authorityId: actor.authorityId,
        pupilId: pupil!.id,
        schoolId: enrolment!.schoolId,
        flaggedBy: actor.id,
        source: "sweep",
        reason: what,
        figures: snapshot as Prisma.InputJsonObject,
      },
    });
    const audits = [
      {
        action: "flag.create",
        entityType: "flag",
        entityId: flag.id,
        detail: { pupilId: pupil!.id, sweepId: sweep.id },
      },
    ];
    return { pupilId: pupil!.id, feed, caseId: null, flagId: flag.id, audits };
  }
  return { pupilId: pupil?.id ?? null, feed, caseId: null, flagId: null, audits: [] };
}
