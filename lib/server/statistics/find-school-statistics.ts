import "server-only";
import { PERSISTENT_ABSENCE_THRESHOLD, roundedPercent } from "@/lib/domain/attendance-rates";
import { academicYearBounds, censusAsOf } from "@/lib/domain/parental-responsibility";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { pgPool } from "../pg";

export type SchoolStatistics = {
  key: string;
  name: string;
  urn: number | null;
  type: "maintained" | "academy" | "other" | null;
  pupils: number;
  possible: number;
  unauthorised: number;
  unauthorisedRate: number | null;
  persistent: number;
  persistentRate: number | null;
  flags: number;
  cases: number;
  referrals: number;
  penaltyNotices: number;
};

/** The school a pupil was on roll at on a day (the latest enrolment that had started and not ended). */
const SCHOOL_ON = (pupil: string, day: string) => `(SELECT e.school_id FROM enrolment e
   WHERE e.authority_id = ${pupil.split(".")[0]}.authority_id AND e.pupil_id = ${pupil} AND e.start_date <= ${day} AND (e.end_date IS NULL OR e.end_date >= ${day})
   ORDER BY e.start_date DESC, e.id LIMIT 1)`;

/**
 * Each school of the actor's authority over the academic year starting in `startYear` (up to today while it runs):
 * pupils with possible sessions, the unauthorised absence rate, persistent absentees, and the enforcement that
 * touched its pupils (flags raised, cases opened, prosecution referrals, penalty notices), each counted at the school
 * the pupil was on roll at when it happened. Academies are summed beside the other schools, and the authority as a
 * whole. Counts only: no child is named.
 */
export async function findSchoolStatistics(actor: Actor, startYear: number) {
  authorize(actor, "statistics.read");
  const { from, to: yearEnd } = academicYearBounds(startYear);
  const to = censusAsOf(startYear, today());
  const { rows } = await pgPool().query<{
    id: string;
    name: string;
    urn: number;
    type: "maintained" | "academy" | "other";
    pupils: string;
    persistent: string;
    possible: string | null;
    unauthorised: string | null;
    flags: string;
    cases: string;
    referrals: string;
    notices: string;
  }>(
    `WITH days AS (
       SELECT s.id AS school_id, sum(d.possible) AS possible, sum(d.unauthorised) AS unauthorised
       FROM attendance_school_day d JOIN school s ON s.authority_id = d.authority_id AND s.store_key = d.school_key
       WHERE d.authority_id = $1 AND d.date BETWEEN $2 AND $3 GROUP BY s.id),
     pupils AS (
       SELECT s.id AS school_id, count(*) FILTER (WHERE y.possible > 0) AS pupils,
              count(*) FILTER (WHERE y.possible > 0 AND (y.authorised + y.unauthorised) * 100 >= $5 * y.possible)
                AS persistent
       FROM attendance_pupil_year y JOIN school s ON s.authority_id = y.authority_id AND s.store_key = y.school_key
       WHERE y.authority_id = $1 AND y.academic_year = $4 GROUP BY s.id),
     flags AS (
       SELECT school_id, count(*) AS n FROM case_flag
       WHERE authority_id = $1 AND (created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3 GROUP BY school_id),
     cases AS (
       SELECT ${SCHOOL_ON("c.pupil_id", "c.opened_on")} AS school_id, count(*) AS n FROM attendance_case c
       WHERE c.authority_id = $1 AND c.opened_on BETWEEN $2 AND $3 GROUP BY 1),
     referrals AS (
       SELECT ${SCHOOL_ON("c.pupil_id", "(r.created_at AT TIME ZONE 'Europe/London')::date")} AS school_id, count(*) AS n
       FROM prosecution_referral r JOIN attendance_case c ON c.authority_id = r.authority_id AND c.id = r.case_id
       WHERE r.authority_id = $1 AND (r.created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3 GROUP BY 1),
     notices AS (
       SELECT ${SCHOOL_ON("n.pupil_id", "n.issue_date")} AS school_id, count(*) AS n FROM penalty_notice n
       WHERE n.authority_id = $1 AND n.issue_date BETWEEN $2 AND $3 GROUP BY 1)
     SELECT s.id, s.name, s.urn, s.type, coalesce(p.pupils, 0) AS pupils, coalesce(p.persistent, 0) AS persistent,
            d.possible, d.unauthorised, coalesce(f.n, 0) AS flags, coalesce(c.n, 0) AS cases,
            coalesce(r.n, 0) AS referrals, coalesce(n.n, 0) AS notices
     FROM school s
     LEFT JOIN days d ON d.school_id = s.id LEFT JOIN pupils p ON p.school_id = s.id
     LEFT JOIN flags f ON f.school_id = s.id LEFT JOIN cases c ON c.school_id = s.id
     LEFT JOIN referrals r ON r.school_id = s.id LEFT JOIN notices n ON n.school_id = s.id
     WHERE s.authority_id = $1 ORDER BY s.name, s.id`,
    [actor.authorityId, from, yearEnd, startYear, PERSISTENT_ABSENCE_THRESHOLD],
  );
  const row = (key: string, name: string, urn: number | null, type: SchoolStatistics["type"], n: Omit<Counts, never>) =>
    ({
      key,
      name,
      urn,
      type,
      ...n,
      unauthorisedRate: n.possible > 0 ? roundedPercent(n.unauthorised, n.possible) : null,
      persistentRate: n.pupils > 0 ? roundedPercent(n.persistent, n.pupils) : null,
    }) satisfies SchoolStatistics;
  type Counts = Pick<
    SchoolStatistics,
    "pupils" | "possible" | "unauthorised" | "persistent" | "flags" | "cases" | "referrals" | "penaltyNotices"
  >;
  const counts = rows.map((r): Counts & { id: string; name: string; urn: number; type: SchoolStatistics["type"] } => ({
    id: r.id,
    name: r.name,
    urn: r.urn,
    type: r.type,
    pupils: Number(r.pupils),
    possible: Number(r.possible ?? 0),
    unauthorised: Number(r.unauthorised ?? 0),
    persistent: Number(r.persistent),
    flags: Number(r.flags),
    cases: Number(r.cases),
    referrals: Number(r.referrals),
    penaltyNotices: Number(r.notices),
  }));
  const sum = (list: Counts[]): Counts => ({
    pupils: list.reduce((a, c) => a + c.pupils, 0),
    possible: list.reduce((a, c) => a + c.possible, 0),
    unauthorised: list.reduce((a, c) => a + c.unauthorised, 0),
    persistent: list.reduce((a, c) => a + c.persistent, 0),
    flags: list.reduce((a, c) => a + c.flags, 0),
    cases: list.reduce((a, c) => a + c.cases, 0),
    referrals: list.reduce((a, c) => a + c.referrals, 0),
    penaltyNotices: list.reduce((a, c) => a + c.penaltyNotices, 0),
  });
  const academies = counts.filter((c) => c.type === "academy");
  const others = counts.filter((c) => c.type !== "academy");
  return {
    from,
    to,
    schools: counts.map((c) => row(c.id, c.name, c.urn, c.type, c)),
    groups: [
      row("academies", `Academies (${academies.length})`, null, null, sum(academies)),
      row("others", `Other schools (${others.length})`, null, null, sum(others)),
      row("authority", `${actor.authorityName} (all schools)`, null, null, sum(counts)),
    ],
  };
}
export type SchoolStatisticsResult = Awaited<ReturnType<typeof findSchoolStatistics>>;
