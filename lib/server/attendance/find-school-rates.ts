import "server-only";
import { addCounts, emptyCounts } from "@/lib/domain/attendance-rates";
import { splitIntoWeeks } from "@/lib/domain/dates";
import { academicYearOf, academicYearStart } from "@/lib/domain/school-calendar";
import { authorize, type Actor } from "../actor";
import { pgPool } from "../pg";
import { checkRange } from "./get-pupil-attendance";
import { countsFromSummary, figures } from "./attendance-figures";

export type SchoolRateRow = {
  schoolId: string;
  name: string;
  urn: number;
  type: "maintained" | "academy" | "other";
  phase: "primary" | "secondary";
  figures: ReturnType<typeof figures>;
  pupils: number;
  persistent: number;
  severe: number;
};

/**
 * Rates per school over a date range for the actor's authority (from the school-day summary), with the
 * persistent and severe absence counts for the academic year to date of `to`, the authority's totals and the
 * national figure for that year.
 */
export async function findSchoolRates(actor: Actor, from: string, to: string) {
  authorize(actor, "attendance.report");
  checkRange(from, to);
  const pool = pgPool();
  const year = academicYearStart(to);
  const { firstWeek, lastWeek, leadingTo, trailingFrom } = splitIntoWeeks(from, to);
  const [rates, absentees, national] = await Promise.all([
    // Whole weeks (Monday to Sunday) inside the range from the school-week summary, the days at either edge from
    // the school-day summary: the same sums as every school day of the range.
    pool.query(
      `SELECT s.id, s.name, s.urn, s.type, s.phase, sum(d.possible) AS possible, sum(d.present) AS present,
              sum(d.approved_activity) AS approved_activity, sum(d.authorised) AS authorised, sum(d.unauthorised) AS unauthorised
       FROM school s
       LEFT JOIN (
         SELECT school_key, possible, present, approved_activity, authorised, unauthorised FROM attendance_school_week
         WHERE authority_id = $1 AND week_start BETWEEN $4 AND $5
         UNION ALL
         SELECT school_key, possible, present, approved_activity, authorised, unauthorised FROM attendance_school_day
         WHERE authority_id = $1 AND (date BETWEEN $2 AND $6 OR date BETWEEN $7 AND $3)
       ) d ON d.school_key = s.store_key
       WHERE s.authority_id = $1 GROUP BY s.authority_id, s.id ORDER BY s.name, s.id`,
      [actor.authorityId, from, to, firstWeek, lastWeek, leadingTo, trailingFrom],
    ),
    // Persistent and severe absence per school, kept per school and year by the database (ADR 057).
    pool.query<{ school_id: string; pupils: number; persistent: number; severe: number }>(
      `SELECT s.id AS school_id, y.pupils, y.persistent, y.severe
       FROM attendance_school_year y JOIN school s ON s.authority_id = $1 AND s.store_key = y.school_key
       WHERE y.authority_id = $1 AND y.academic_year = $2`,
      [actor.authorityId, year],
    ),
    pool.query<{ label: string; unauthorised_rate: string }>(
      `SELECT label, unauthorised_rate FROM comparison_figure WHERE authority_id = $1 AND academic_year = $2 AND kind = 'national' ORDER BY label LIMIT 1`,
      [actor.authorityId, year],
    ),
  ]);
  const bySchool = new Map(absentees.rows.map((r) => [r.school_id, r]));
  const schools: SchoolRateRow[] = rates.rows.map((r) => {
    const a = bySchool.get(r.id);
    return {
      schoolId: r.id,
      name: r.name,
      urn: r.urn,
      type: r.type,
      phase: r.phase,
      figures: figures(countsFromSummary(r)),
      pupils: Number(a?.pupils ?? 0),
      persistent: Number(a?.persistent ?? 0),
      severe: Number(a?.severe ?? 0),
    };
  });
  const total = (rows: SchoolRateRow[]) => ({
    figures: figures(rows.reduce((c, r) => addCounts(c, r.figures), emptyCounts())),
    pupils: rows.reduce((n, r) => n + r.pupils, 0),
    persistent: rows.reduce((n, r) => n + r.persistent, 0),
    severe: rows.reduce((n, r) => n + r.severe, 0),
  });
  const academies = schools.filter((s) => s.type === "academy");
  const others = schools.filter((s) => s.type !== "academy");
  return {
    from,
    to,
    academicYear: academicYearOf(to),
    academies,
    others,
    academyTotal: total(academies),
    otherTotal: total(others),
    authorityTotal: total(schools),
    national: national.rows[0]
      ? { label: national.rows[0].label, unauthorisedRate: Number(national.rows[0].unauthorised_rate) }
      : null,
  };
}
