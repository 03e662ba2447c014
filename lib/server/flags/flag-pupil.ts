import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { academicYearStart } from "@/lib/domain/school-calendar";
import { now, today } from "@/lib/env";
import { flagPupilSchema, type FlagPupilInput } from "@/lib/schemas/case";
import { authorize, type Actor } from "../actor";
import { figures, pupilCounts } from "../attendance/attendance-figures";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { isUniqueViolation } from "../cases/is-unique-violation";
import { parseInput } from "../cases/parse-input";
import { pgPool } from "../pg";
import { pupilScope } from "../pupils/pupil-scope";
import { writeNotifications } from "../notifications/write-notifications";
import { writeTimelineEvents } from "../timeline/write-timeline-events";

const ALREADY_FLAGGED =
  "This pupil has already been flagged and is waiting for the attendance service to decide: add to that flag instead";
const OPEN_CASE =
  "The attendance service already has an open case for this pupil: send this to the case officer instead";

/**
 * School staff flag a pupil on roll at their school as a persistent truant: the reason, what the school has
 * already tried, and a snapshot of the pupil's attendance at this school over the academic year so far (the
 * same counting as getPupilAttendance). A pupil off roll is NotFoundError; a pupil with an undecided flag (from
 * any school) is refused, here and by the database. A pupil with an open case: with `addToOpenCase` the flag is
 * added to that case at once (merged, on its timeline, and its officer told); without it, refused, saying so.
 */
export async function flagPupil(actor: Actor, raw: FlagPupilInput) {
  authorize(actor, "case.flag");
  const input = parseInput(flagPupilSchema, raw);
  const pupil = await db.pupil.findFirst({ where: { AND: [pupilScope(actor), { id: input.pupilId }] } });
  if (!pupil || !actor.schoolId) throw new NotFoundError("Pupil");
  if (await db.caseFlag.findFirst({ where: { pupilId: pupil.id, status: "new" } })) {
    throw new ValidationError({ pupilId: [ALREADY_FLAGGED] }, ALREADY_FLAGGED);
  }

  const openCase = await db.attendanceCase.findFirst({
    where: { authorityId: actor.authorityId, pupilId: pupil.id, status: { not: "closed" } },
  });
  if (openCase && !input.addToOpenCase) throw new ValidationError({ pupilId: [OPEN_CASE] }, OPEN_CASE);

  const to = today();
  const from = `${academicYearStart(to)}-09-01`;
  const counts = await pupilCounts(pgPool(), pupil.id, from, to, actor.schoolId);
  const snapshot = { from, to, basis: "academic_year_to_date", ...figures(counts) } as Prisma.InputJsonObject;

  try {
    return await db.$transaction(async (tx) => {
      const flag = await tx.caseFlag.create({
        data: {
          authorityId: actor.authorityId,
          pupilId: pupil.id,
          schoolId: actor.schoolId!,
          flaggedBy: actor.id,
          reason: input.reason,
          triedMeeting: input.triedMeeting,
          triedAttendanceContract: input.triedAttendanceContract,
          triedEarlyHelp: input.triedEarlyHelp,
          triedOther: input.triedOther ?? null,
          figures: snapshot,
          ...(openCase ? { status: "merged", caseId: openCase.id, decidedAt: now(), decidedBy: actor.id } : {}),
        },
      });
      if (openCase) {
        // Added to the open case by the school itself: on its timeline, and its officer told.
        await writeTimelineEvents(tx, [
          {
            caseId: openCase.id,
            authorityId: openCase.authorityId,
            kind: "flag_merged",
            occurredOn: to,
            note: input.reason,
            actorUserId: actor.id,
            details: { flagId: flag.id, schoolId: actor.schoolId, addedBySchool: true },
          },
        ]);
        await writeNotifications(
          tx,
          [
            {
              authorityId: openCase.authorityId,
              to: { userId: openCase.assignedOfficerId },
              caseId: openCase.id,
              kind: "flag_added_by_school",
              message: `${pupil.firstName} ${pupil.lastName} (UPN ${pupil.upn}): ${actor.schoolName ?? "the school"} added information to the open case: ${input.reason}`,
            },
          ],
          now().toISOString(),
        );
      }
      await audit(
        actor,
        {
          action: "flag.create",
          entityType: "flag",
          entityId: flag.id,
          detail: { pupilId: pupil.id, addedToCaseId: openCase?.id ?? null },
        },
        tx,
      );
      return flag;
    });
  } catch (error) {
    if (isUniqueViolation(error, "case_flag_one_new_per_pupil"))
      throw new ValidationError({ pupilId: [ALREADY_FLAGGED] }, ALREADY_FLAGGED);
    throw error;
  }
}
