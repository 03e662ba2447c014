import "server-only";
import { PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/attendance-codes";
import { PERSISTENT_ABSENCE_THRESHOLD, roundedPercent } from "@/lib/domain/attendance-rates";
import { academicYearOf, academicYearStart } from "@/lib/domain/school-calendar";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { ForbiddenError } from "../errors";
import { audit } from "../audit";
import { pgPool } from "../pg";

export const AT_RISK_PER_PAGE = 50;

export type AtRiskFilters = { schoolId?: string; yearGroup?: string; page: number };

/**
 * The school's own at-risk list (issue 15): the same queue for school staff, for their own school only and only its
 * pupils on roll today (pupilScope's rule), so they can find the pupils to flag. Audited as a view of the list.
 */
export async function findSchoolPupilsAtRisk(actor: Actor, filters: { yearGroup?: string; page: number }) {
  authorize(actor, "case.flag");
  if (!actor.schoolId) throw new ForbiddenError();
  const result = await queryPupilsAtRisk(actor, { ...filters, schoolId: actor.schoolId }, { onRollToday: true });
  await audit(actor, {
    action: "attendance.view_school_at_risk",
    entityType: "school",
    entityId: actor.schoolId,
    detail: { yearGroup: filters.yearGroup ?? null, page: filters.page, pupils: result.pupils.length },
  });
  return result;
}

/** The queue as the page shows it: a view of children's names and figures, so it is audited. */
export async function findPupilsAtRisk(actor: Actor, filters: AtRiskFilters) {
  const result = await queryPupilsAtRisk(actor, filters);
  await audit(actor, {
    action: "attendance.view_at_risk",
    entityType: "authority",
    entityId: actor.authorityId,
    detail: {
      schoolId: filters.schoolId ?? null,
      yearGroup: filters.yearGroup ?? null,
      page: filters.page,
      pupils: result.pupils.length,
    },
  });
  return result;
}

/**
 * The pupils-at-risk work queue for the actor's authority, this academic year: pupils who reached the
 * penalty-notice threshold (10 G/N/O/U sessions within 10 consecutive school weeks) or are persistently
 * absent, with the figures that put them there. Threshold pupils first, then by overall absence.
 */
export async function queryPupilsAtRisk(actor: Actor, filters: AtRiskFilters, options: { onRollToday?: boolean } = {}) {
  // School staff reach it only through findSchoolPupilsAtRisk, for their own school's pupils on roll.
  if (options.onRollToday) authorize(actor, "case.flag");
  else authorize(actor, "attendance.report");
  const pool = pgPool();
  const year = academicYearStart(today());
  const params = [
    actor.authorityId,
    year,
    filters.schoolId && /^[0-9a-f-]{36}$/i.test(filters.schoolId) ? filters.schoolId : null,
    filters.yearGroup || null,
    options.onRollToday ? today() : null,
  ];
  // at_risk is the threshold (PENALTY_NOTICE_THRESHOLD) or persistent absence (PERSISTENT_ABSENCE_THRESHOLD), held
  // by the table so that the queue reads a partial index; a test keeps its figures and the domain's the same.
  // Every table names the authority by the parameter, so that on Citus the pupils and enrolments are one shard's
  // (the register's summaries stay on the coordinator, ADR 071) and the per-row enrolment lookup stays there.
  const pupilAndSchool = `
      JOIN pupil p ON p.authority_id = $1 AND p.store_key = y.pupil_key
      JOIN school s ON s.authority_id = $1 AND s.store_key = y.school_key`;
  const yearGroupOf = `
      LEFT JOIN LATERAL (SELECT year_group FROM enrolment
                         WHERE authority_id = $1 AND pupil_id = p.id AND school_id = s.id
                         ORDER BY start_date DESC LIMIT 1) e ON true`;
  // Who is on the queue is read from the pupil-year rows alone unless a filter needs the pupil's enrolments: every
  // row's keys are a pupil's and a school's of the authority (the store writes them only from the roster, and
  // pupils and schools are never deleted), so joining them drops no row (ADR 057).
  const from = `attendance_pupil_year y
      ${filters.yearGroup || options.onRollToday ? pupilAndSchool : ""} ${filters.yearGroup ? yearGroupOf : ""}`;
  const where = `y.authority_id = $1 AND y.academic_year = $2 AND y.at_risk
      AND ($3::uuid IS NULL OR y.school_key = (SELECT store_key FROM school WHERE authority_id = $1 AND id = $3))
      AND ${filters.yearGroup ? "e.year_group = $4" : "$4::text IS NULL"}
      AND ${
        options.onRollToday
          ? `EXISTS (SELECT 1 FROM enrolment r WHERE r.authority_id = $1 AND r.pupil_id = p.id
            AND r.school_id = s.id AND r.start_date <= $5::date AND (r.end_date IS NULL OR r.end_date >= $5::date))`
          : "$5::date IS NULL"
      }`;
  // The queue's order: threshold pupils first, then by overall absence (the partial index
  // attendance_pupil_year_queue_idx holds both keys, so the first page reads the top of that index instead of
  // sorting the whole queue), then by name and id among pupils with the same figures.
  const reached = `(coalesce(y.max_penalty_10_weeks, 0) >= ${PENALTY_NOTICE_THRESHOLD.sessions})`;
  const ratio = `((y.authorised + y.unauthorised)::numeric / nullif(y.possible, 0))`;
  const offset = (Math.max(1, filters.page) - 1) * AT_RISK_PER_PAGE;
  const [count, rows, calendar] = await Promise.all([
    pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${from} WHERE ${where}`, params),
    pool.query<{
      pupil_id: string;
      upn: string;
      first_name: string;
      last_name: string;
      school_id: string;
      school_name: string;
      year_group: string | null;
      possible: number;
      authorised: number;
      unauthorised: number;
      max_penalty_10_weeks: number | null;
      threshold_week_start: string | null;
    }>(
      // The page's rows lie among the first offset + 50 in the figures' order (read from the index) and the rows
      // that tie with the last of those on both figures; only they are sorted by name.
      `WITH ranked AS (
         SELECT y.pupil_key, y.school_key, ${reached} AS reached, ${ratio} AS ratio FROM ${from} WHERE ${where}
         ORDER BY ${reached} DESC, ${ratio} DESC LIMIT $6
       ), edge AS (
         SELECT reached, ratio FROM ranked ORDER BY reached, ratio NULLS LAST LIMIT 1
       ), page_keys AS (
         SELECT pupil_key, school_key FROM ranked
         UNION
         SELECT y.pupil_key, y.school_key FROM edge, ${from}
         WHERE ${where} AND ${reached} = edge.reached
           AND (${ratio} = edge.ratio OR (${ratio} IS NULL AND edge.ratio IS NULL))
       )
       SELECT p.id AS pupil_id, p.upn, p.first_name, p.last_name, s.id AS school_id, s.name AS school_name, e.year_group,
              y.possible, y.authorised, y.unauthorised, y.max_penalty_10_weeks, y.threshold_week_start::text
       FROM page_keys k CROSS JOIN LATERAL (SELECT * FROM attendance_pupil_year WHERE authority_id = $1
         AND academic_year = $2 AND pupil_key = k.pupil_key AND school_key = k.school_key) y
       ${pupilAndSchool} ${yearGroupOf}
       ORDER BY ${reached} DESC, ${ratio} DESC, p.last_name, p.id
       LIMIT ${AT_RISK_PER_PAGE} OFFSET $7`,
      [...params, offset + AT_RISK_PER_PAGE, offset],
    ),
    pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM school_week WHERE authority_id = $1 AND academic_year(week_start) = $2`,
      [actor.authorityId, year],
    ),
  ]);
  const total = Number(count.rows[0]!.n);
  return {
    academicYear: academicYearOf(today()),
    calendarMissing: Number(calendar.rows[0]!.n) === 0,
    total,
    page: filters.page,
    pageCount: Math.max(1, Math.ceil(total / AT_RISK_PER_PAGE)),
    pupils: rows.rows.map((r) => ({
      pupilId: r.pupil_id,
      upn: r.upn,
      name: `${r.last_name}, ${r.first_name}`,
      schoolId: r.school_id,
      schoolName: r.school_name,
      yearGroup: r.year_group,
      possible: r.possible,
      unauthorised: r.unauthorised,
      overallAbsenceRate: r.possible > 0 ? roundedPercent(r.authorised + r.unauthorised, r.possible) : null,
      penaltySessions10Weeks: r.max_penalty_10_weeks,
      thresholdReached: (r.max_penalty_10_weeks ?? 0) >= PENALTY_NOTICE_THRESHOLD.sessions,
      thresholdWeek: r.threshold_week_start,
      persistentAbsence:
        r.possible > 0 && (r.authorised + r.unauthorised) * 100 >= PERSISTENT_ABSENCE_THRESHOLD * r.possible,
    })),
  };
}
