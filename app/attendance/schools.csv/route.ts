import { csvPercent } from "@/components/attendance/format";
import { today } from "@/lib/env";
import { findSchoolRates } from "@/lib/server/attendance/find-school-rates";
import { csvResponse, downloadActor, notFoundResponse } from "../csv-download";
import { paramsOf, rangeFilters } from "@/lib/schemas/attendance-filters";

export const dynamic = "force-dynamic";

/** GET /attendance/schools.csv?from=&to=: the Attendance by school table as a spreadsheet. */
export async function GET(request: Request) {
  const actor = await downloadActor("attendance.report");
  if (!actor) return notFoundResponse();
  const range = rangeFilters(paramsOf(new URL(request.url).searchParams), today());
  if (range.errors.length > 0) {
    return new Response(`${range.errors.map((e) => e.message).join("\n")}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const report = await findSchoolRates(actor, range.from, range.to);
  type Line = {
    figures: {
      possible: number;
      attendanceRate: number | null;
      overallAbsenceRate: number | null;
      unauthorisedRate: number | null;
    };
    pupils: number;
    persistent: number;
    severe: number;
  };
  const figures = (r: Line) => [
    r.figures.possible,
    csvPercent(r.figures.attendanceRate),
    csvPercent(r.figures.overallAbsenceRate),
    csvPercent(r.figures.unauthorisedRate),
    r.pupils,
    r.persistent,
    r.severe,
  ];
  const rows = [
    ...report.academies.map((s) => ["Academies", s.name, s.urn, ...figures(s)]),
    ["Academies", "All academies", "", ...figures(report.academyTotal)],
    ...report.others.map((s) => ["Maintained and other schools", s.name, s.urn, ...figures(s)]),
    ["Maintained and other schools", "All maintained and other schools", "", ...figures(report.otherTotal)],
    ["Authority", `${actor.authorityName} (all schools)`, "", ...figures(report.authorityTotal)],
    [
      "National",
      report.national?.label ?? "No figure recorded",
      "",
      "",
      "",
      "",
      report.national ? csvPercent(report.national.unauthorisedRate) : "",
      "",
      "",
      "",
    ],
  ];
  return csvResponse(
    `attendance-by-school-${range.from}-to-${range.to}.csv`,
    [
      "group",
      "school",
      "urn",
      "possible_sessions",
      "attendance_percent",
      "overall_absence_percent",
      "unauthorised_percent",
      "pupils",
      "persistent_absentees",
      "severe_absentees",
    ],
    rows,
  );
}
