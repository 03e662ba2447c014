import { csvPercent } from "@/components/attendance/format";
import { exportPupilsAtRisk } from "@/lib/server/attendance/export-pupils-at-risk";
import { csvResponse, downloadActor, notFoundResponse } from "../csv-download";
import { atRiskFilters, paramsOf } from "@/lib/schemas/attendance-filters";

export const dynamic = "force-dynamic";

/** GET /attendance/at-risk.csv?school=&year=: every pupil in the at-risk queue with those filters (all pages). */
export async function GET(request: Request) {
  const actor = await downloadActor("attendance.report");
  if (!actor) return notFoundResponse();
  const filters = atRiskFilters(paramsOf(new URL(request.url).searchParams));
  const { academicYear, pupils } = await exportPupilsAtRisk(actor, {
    schoolId: filters.school || undefined,
    yearGroup: filters.year || undefined,
  });
  return csvResponse(
    `pupils-at-risk-${academicYear.replace("/", "-")}.csv`,
    [
      "pupil",
      "upn",
      "school",
      "year_group",
      "penalty_sessions_in_10_school_weeks",
      "threshold_week_commencing",
      "overall_absence_percent",
      "penalty_notice_threshold",
      "persistent_absence",
    ],
    pupils.map((p) => [
      p.name,
      p.upn,
      p.schoolName,
      p.yearGroup,
      p.penaltySessions10Weeks,
      p.thresholdReached ? p.thresholdWeek : "",
      csvPercent(p.overallAbsenceRate),
      p.thresholdReached ? "yes" : "no",
      p.persistentAbsence ? "yes" : "no",
    ]),
  );
}
