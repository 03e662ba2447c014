import { csvResponse, downloadActor, notFoundResponse } from "@/app/attendance/csv-download";
import { findReferralQueue } from "@/lib/server/referrals/find-referral-queue";

export const dynamic = "force-dynamic";

/** GET /referrals/queue.csv: the referrals awaiting review, oldest first. Managers only (others 404). */
export async function GET() {
  const actor = await downloadActor("referral.review");
  if (!actor) return notFoundResponse();
  const queue = await findReferralQueue(actor);
  return csvResponse(
    "cases-due-for-prosecution.csv",
    [
      "pupil",
      "upn",
      "parent_or_carer",
      "referred_on",
      "window_start",
      "window_end",
      "attendance_percent",
      "unauthorised_sessions",
    ],
    queue.map((q) => [
      q.pupil.name,
      q.pupil.upn,
      q.parent.name,
      q.referredOn,
      q.periodStart,
      q.periodEnd,
      q.figures.attendancePct === null ? "" : q.figures.attendancePct.toFixed(1),
      q.figures.unauthorisedSessions,
    ]),
  );
}
