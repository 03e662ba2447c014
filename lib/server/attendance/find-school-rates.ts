import "server-only";
import {
  PERSISTENT_ABSENCE_THRESHOLD,
  SEVERE_ABSENCE_THRESHOLD,
  addCounts,
  emptyCounts,
} from "@/lib/domain/attendance-rates";
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
  const [rates, absentees, national] = await Promise.all([
    pool.query(
      `SELECT s.id, s.name, s.urn, s.type, s.phase, sum(d.possible) AS possible, sum(d.present) AS present,
              sum(d.approved_activity) AS approved_activity, sum(d.authorised) AS authorised, sum(d.unauthorised) AS unauthorised
       FROM school s
       LEFT JOIN attendance_school_day d ON d.authority_id = s.authority_id AND d.school_key = s.store_key
         AND d.date BETWEEN $2 AND $3
       WHERE s.authority_id = $1 GROUP BY s.authority_id, s.id ORDER BY s.name`,
      [actor.authorityId, from, to],
    ),
    pool.query<{ school_id: string; pupils: string; persistent: string; severe: string }>(
      `SELECT s.id AS school_id, y.pupils, y.persistent, y.severe
       FROM (SELECT school_key, count(*) FILTER (WHERE possible > 0) AS pupils,
               count(*) FILTER (WHERE possible > 0 AND (authorised + unauthorised) * 100 >= $3 * possible) AS persistent,
               count(*) FILTER (WHERE possible > 0 AND (authorised + unauthorised) * 100 >= $4 * possible) AS severe
             FROM attendance_pupil_year WHERE authority_id = $1 AND academic_year = $2 GROUP BY school_key) y
       JOIN school s ON s.authority_id = $1 AND s.store_key = y.school_key`,
      [actor.authorityId, year, PERSISTENT_ABSENCE_THRESHOLD, SEVERE_ABSENCE_THRESHOLD],
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
