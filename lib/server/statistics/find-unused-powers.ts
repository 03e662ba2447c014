import "server-only";
import { PENALTY_NOTICE_THRESHOLD } from "@/lib/domain/attendance-codes";
import { addDays } from "@/lib/domain/dates";
import { REVIEW_WAIT_DAYS } from "@/lib/domain/parental-responsibility";
import { academicYearStart } from "@/lib/domain/school-calendar";
import { UNUSED_POWERS, type UnusedPower } from "@/lib/domain/unused-powers";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { NotFoundError } from "../errors";
import { pgPool } from "../pg";

// Powers used and unused (lib/domain/unused-powers.ts names the four): the counts and each list.

export type UnusedPowerRow = {
  pupilId: string;
  pupilName: string;
  upn: string;
  schoolName: string | null;
  /** The date that puts the row on the list (threshold week, window end, referral date, approval). */
  since: string | null;
  /** Where to act: the pupil, the case or the referral. */
  href: string;
};

/** Each list's SQL and its parameters ($1 the authority, $2 today, then the list's own). */
function query(kind: UnusedPower, actor: Actor): { sql: string; params: unknown[] } {
  const day = today();
  const base = [actor.authorityId, day];
  const school = `(SELECT s.name FROM enrolment e JOIN school s ON s.authority_id = e.authority_id AND s.id = e.school_id
                   WHERE e.authority_id = p.authority_id AND e.pupil_id = p.id AND e.start_date <= $2 AND (e.end_date IS NULL OR e.end_date >= $2)
                   ORDER BY e.start_date DESC, e.id LIMIT 1)`;
  switch (kind) {
    case "threshold_no_action":
      return {
        params: [...base, academicYearStart(day), PENALTY_NOTICE_THRESHOLD.sessions],
        sql: `SELECT DISTINCT ON (p.id) p.id AS pupil_id, p.first_name || ' ' || p.last_name AS pupil_name, p.upn,
                     s.name AS school_name, y.threshold_week_start::text AS since, '/pupils/' || p.id AS href
              FROM attendance_pupil_year y
              JOIN pupil p ON p.authority_id = y.authority_id AND p.store_key = y.pupil_key
              JOIN school s ON s.authority_id = y.authority_id AND s.store_key = y.school_key
              WHERE y.authority_id = $1 AND y.academic_year = $3::int AND y.max_penalty_10_weeks >= $4::int
                AND (y.threshold_week_start IS NULL OR y.threshold_week_start <= $2::date)
                AND NOT EXISTS (SELECT 1 FROM penalty_notice n WHERE n.pupil_id = p.id AND n.authority_id = $1
                                AND n.issue_date >= make_date($3::int, 9, 1))
                AND NOT EXISTS (SELECT 1 FROM attendance_case c WHERE c.pupil_id = p.id AND c.authority_id = $1
                                AND c.status <> 'closed')
              ORDER BY p.id, y.threshold_week_start`,
      };
    case "windows_undecided":
      return {
        params: base,
        sql: `SELECT p.id AS pupil_id, p.first_name || ' ' || p.last_name AS pupil_name, p.upn, ${school} AS school_name,
                     c.window_end::text AS since, '/cases/' || c.id AS href
              FROM attendance_case c JOIN pupil p ON p.authority_id = c.authority_id AND p.id = c.pupil_id
              WHERE c.authority_id = $1 AND c.status <> 'closed' AND c.window_end < $2
                AND NOT EXISTS (SELECT 1 FROM case_decision d WHERE d.authority_id = c.authority_id AND d.case_id = c.id AND d.window_start = c.window_start)`,
      };
    case "referrals_waiting":
      return {
        params: [...base, addDays(day, -REVIEW_WAIT_DAYS)],
        sql: `SELECT p.id AS pupil_id, p.first_name || ' ' || p.last_name AS pupil_name, p.upn, ${school} AS school_name,
                     (r.created_at AT TIME ZONE 'Europe/London')::date::text AS since, '/referrals/' || r.id AS href
              FROM prosecution_referral r JOIN attendance_case c ON c.authority_id = r.authority_id AND c.id = r.case_id JOIN pupil p ON p.authority_id = c.authority_id AND p.id = c.pupil_id
              WHERE r.authority_id = $1 AND r.status = 'awaiting_review'
                AND (r.created_at AT TIME ZONE 'Europe/London')::date < $3`,
      };
    case "approved_no_hearing":
      return {
        params: base,
        sql: `SELECT p.id AS pupil_id, p.first_name || ' ' || p.last_name AS pupil_name, p.upn, ${school} AS school_name,
                     (r.reviewed_at AT TIME ZONE 'Europe/London')::date::text AS since, '/referrals/' || r.id AS href
              FROM prosecution_referral r JOIN attendance_case c ON c.authority_id = r.authority_id AND c.id = r.case_id JOIN pupil p ON p.authority_id = c.authority_id AND p.id = c.pupil_id
              WHERE r.authority_id = $1 AND r.status = 'approved'
                AND NOT EXISTS (SELECT 1 FROM court_hearing h WHERE h.authority_id = r.authority_id AND h.referral_id = r.id)`,
      };
  }
}

/** How many of each, for the statistics page and the dashboard. Counts only: no names, so not audited. */
export async function countUnusedPowers(actor: Actor): Promise<Record<UnusedPower, number>> {
  authorize(actor, "statistics.read");
  const pool = pgPool();
  const counts = await Promise.all(
    UNUSED_POWERS.map((kind) => {
      const q = query(kind, actor);
      return pool.query<{ n: string }>(`SELECT count(*) AS n FROM (${q.sql}) q`, q.params);
    }),
  );
  return Object.fromEntries(UNUSED_POWERS.map((kind, i) => [kind, Number(counts[i]!.rows[0]!.n)])) as Record<
    UnusedPower,
    number
  >;
}

/** The list behind one count: the pupils, oldest first, with where to act. Names children, so it is audited. */
export async function findUnusedPowers(actor: Actor, kind: string): Promise<UnusedPowerRow[]> {
  authorize(actor, "statistics.read");
  if (!(UNUSED_POWERS as readonly string[]).includes(kind)) throw new NotFoundError("List");
  const q = query(kind as UnusedPower, actor);
  const { rows } = await pgPool().query<{
    pupil_id: string;
    pupil_name: string;
    upn: string;
    school_name: string | null;
    since: string | null;
    href: string;
  }>(`SELECT * FROM (${q.sql}) q ORDER BY since NULLS LAST, pupil_name, href`, q.params);
  await audit(actor, {
    action: "statistics.view_unused_powers",
    entityType: "authority",
    entityId: actor.authorityId,
    detail: { kind, rows: rows.length },
  });
  return rows.map((r) => ({
    pupilId: r.pupil_id,
    pupilName: r.pupil_name,
    upn: r.upn,
    schoolName: r.school_name,
    since: r.since,
    href: r.href,
  }));
}
