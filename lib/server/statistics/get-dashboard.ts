import "server-only";
import { roundedPercent } from "@/lib/domain/attendance-rates";
import { addDays, mondayOf } from "@/lib/domain/dates";
import { academicYearBounds, daysBetween, median } from "@/lib/domain/parental-responsibility";
import { academicYearStart } from "@/lib/domain/school-calendar";
import { addTotals, EMPTY_TOTALS, sweepYield, type SweepTotals } from "@/lib/domain/sweeps";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { pgPool } from "../pg";
import { findSweeps } from "../sweeps/find-sweeps";

/** Week 1 of an academic year is the Monday–Sunday week that holds 1 September. */
export function weekOfYear(monday: string, startYear: number): number {
  return Math.floor(daysBetween(mondayOf(`${startYear}-09-01`), monday) / 7) + 1;
}

type WeekCounts = { possible: number; attended: number; unauthorised: number };
export type WeekPoint = {
  week: number;
  monday: string;
  attendance: number | null;
  unauthorised: number | null;
  possible: number;
};

const point = (week: number, monday: string, c: WeekCounts): WeekPoint => ({
  week,
  monday,
  possible: c.possible,
  attendance: c.possible > 0 ? roundedPercent(c.attended, c.possible) : null,
  unauthorised: c.possible > 0 ? roundedPercent(c.unauthorised, c.possible) : null,
});

export const FUNNEL_STAGES = ["flags", "cases", "windows", "decided", "referred", "approved", "convicted"] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export const FUNNEL_LABELS: Record<FunnelStage, string> = {
  flags: "Flags raised",
  cases: "Cases opened",
  windows: "Windows started",
  decided: "Windows decided",
  referred: "Cases referred for prosecution",
  approved: "Prosecutions approved",
  convicted: "Convictions",
};

/**
 * Everything the manager's dashboard draws, for the actor's authority: weekly attendance and unauthorised absence
 * this academic year and last (with the national figure and the authority's target), academies against other
 * schools, the enforcement funnel of this year with the median days between stages, and the sweeps' yield by month.
 * Counts and rates only: no child is named, so it is not audited.
 */
export async function getDashboard(actor: Actor) {
  authorize(actor, "statistics.read");
  const day = today();
  const year = academicYearStart(day);
  const { from, to: yearEnd, label } = academicYearBounds(year);
  const last = academicYearBounds(year - 1);
  const pool = pgPool();
  const [weeks, comparisons, funnel, gaps, sweeps] = await Promise.all([
    // By academic year as well as week: the week of 31 August holds the last day of one year and the first of the next.
    pool.query<{
      year: number;
      monday: string;
      academy: boolean;
      possible: string;
      attended: string;
      unauthorised: string;
    }>(
      `SELECT (extract(year FROM d.date) - CASE WHEN extract(month FROM d.date) >= 9 THEN 0 ELSE 1 END)::int AS year,
              date_trunc('week', d.date)::date::text AS monday, s.type = 'academy' AS academy,
              sum(d.possible) AS possible, sum(d.present + d.approved_activity) AS attended,
              sum(d.unauthorised) AS unauthorised
       FROM attendance_school_day d JOIN school s ON s.authority_id = d.authority_id AND s.store_key = d.school_key
       WHERE d.authority_id = $1 AND d.date BETWEEN $2 AND $3 GROUP BY 1, 2, 3`,
      [actor.authorityId, last.from, day],
    ),
    pool.query<{ academic_year: number; kind: string; label: string; unauthorised_rate: string }>(
      `SELECT academic_year, kind, label, unauthorised_rate FROM comparison_figure
       WHERE authority_id = $1 AND academic_year IN ($2, $3) AND kind IN ('national', 'target')
       ORDER BY academic_year, kind, label`,
      [actor.authorityId, year, year - 1],
    ),
    pool.query<Record<FunnelStage, string>>(
      `SELECT
         (SELECT count(*) FROM case_flag WHERE authority_id = $1
            AND (created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3) AS flags,
         (SELECT count(*) FROM attendance_case WHERE authority_id = $1 AND opened_on BETWEEN $2 AND $3) AS cases,
         (SELECT count(*) FROM attendance_case WHERE authority_id = $1 AND window_start BETWEEN $2 AND $3) AS windows,
         (SELECT count(*) FROM case_decision WHERE authority_id = $1 AND as_of BETWEEN $2 AND $3) AS decided,
         (SELECT count(DISTINCT case_id) FROM prosecution_referral WHERE authority_id = $1
            AND (created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3) AS referred,
         (SELECT count(DISTINCT case_id) FROM prosecution_referral WHERE authority_id = $1
            AND status IN ('approved', 'concluded')
            AND (reviewed_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3) AS approved,
         (SELECT count(DISTINCT r.case_id) FROM court_outcome o JOIN prosecution_referral r ON r.authority_id = o.authority_id AND r.id = o.referral_id
            WHERE o.authority_id = $1 AND o.verdict = 'guilty'
              AND (o.created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3) AS convicted`,
      [actor.authorityId, from, yearEnd],
    ),
    // Days between one stage and the next, for the steps that reached the later stage this year.
    pool.query<{ step: FunnelStage; days: number }>(
      `SELECT 'cases' AS step, c.opened_on - (f.created_at AT TIME ZONE 'Europe/London')::date AS days
         FROM case_flag f JOIN attendance_case c ON c.authority_id = f.authority_id AND c.id = f.case_id
         WHERE f.authority_id = $1 AND f.status = 'accepted' AND c.opened_on BETWEEN $2 AND $3
       UNION ALL
       SELECT 'windows', window_start - opened_on FROM attendance_case
         WHERE authority_id = $1 AND window_start BETWEEN $2 AND $3
       UNION ALL
       SELECT 'decided', as_of - window_start FROM case_decision WHERE authority_id = $1 AND as_of BETWEEN $2 AND $3
       UNION ALL
       SELECT 'referred', min((r.created_at AT TIME ZONE 'Europe/London')::date) - d.as_of
         FROM prosecution_referral r JOIN case_decision d ON d.authority_id = r.authority_id AND d.id = r.decision_id
         WHERE r.authority_id = $1 AND (r.created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3
         GROUP BY r.case_id, d.as_of
       UNION ALL
       SELECT 'approved', (reviewed_at AT TIME ZONE 'Europe/London')::date - (created_at AT TIME ZONE 'Europe/London')::date
         FROM prosecution_referral WHERE authority_id = $1 AND status IN ('approved', 'concluded')
           AND (reviewed_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3
       UNION ALL
       SELECT 'convicted', (o.created_at AT TIME ZONE 'Europe/London')::date - (r.reviewed_at AT TIME ZONE 'Europe/London')::date
         FROM court_outcome o JOIN prosecution_referral r ON r.authority_id = o.authority_id AND r.id = o.referral_id
         WHERE o.authority_id = $1 AND o.verdict = 'guilty'
           AND (o.created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3`,
      [actor.authorityId, from, yearEnd],
    ),
    findSweeps(actor, { from, to: day }),
  ]);

  // Weekly figures: the authority, academies and other schools, this year and last, by week of the year.
  const sums = new Map<string, WeekCounts>();
  const add = (key: string, c: WeekCounts) => {
    const t = sums.get(key) ?? { possible: 0, attended: 0, unauthorised: 0 };
    sums.set(key, {
      possible: t.possible + c.possible,
      attended: t.attended + c.attended,
      unauthorised: t.unauthorised + c.unauthorised,
    });
  };
  for (const w of weeks.rows) {
    const c = { possible: Number(w.possible), attended: Number(w.attended), unauthorised: Number(w.unauthorised) };
    add(`all|${w.year}|${w.monday}`, c);
    add(`${w.academy ? "academies" : "others"}|${w.year}|${w.monday}`, c);
  }
  const series = (group: string, startYear: number, upTo: string) => {
    const { from: f, to: t } = academicYearBounds(startYear);
    const out: WeekPoint[] = [];
    const end = upTo < t ? upTo : t;
    for (let monday = mondayOf(f); monday <= end; monday = addDays(monday, 7)) {
      const c = sums.get(`${group}|${startYear}|${monday}`);
      if (c && c.possible > 0) out.push(point(weekOfYear(monday, startYear), monday, c));
    }
    return out;
  };
  // The year to date, week by week: the authority's running unauthorised rate, to read against its target.
  const thisYear = series("all", year, day);
  let running = { possible: 0, unauthorised: 0 };
  const cumulative = thisYear.map((p) => {
    const c = sums.get(`all|${year}|${p.monday}`)!;
    running = { possible: running.possible + c.possible, unauthorised: running.unauthorised + c.unauthorised };
    return { week: p.week, monday: p.monday, unauthorised: roundedPercent(running.unauthorised, running.possible) };
  });
  const figure = (y: number, kind: string) => {
    const row = comparisons.rows.find((r) => r.academic_year === y && r.kind === kind);
    return row ? { label: row.label, rate: Number(row.unauthorised_rate) } : null;
  };

  // Sweeps by month of this academic year.
  const months = new Map<string, SweepTotals>();
  for (let m = 0; m < 12; m++) {
    const d = new Date(Date.UTC(year, 8 + m, 1)).toISOString().slice(0, 7);
    if (`${d}-01` <= day) months.set(d, EMPTY_TOTALS);
  }
  for (const s of sweeps.sweeps)
    months.set(s.date.slice(0, 7), addTotals(months.get(s.date.slice(0, 7)) ?? EMPTY_TOTALS, s.totals));

  const counts = funnel.rows[0]!;
  return {
    year,
    label,
    lastLabel: last.label,
    today: day,
    weekly: {
      thisYear,
      lastYear: series("all", year - 1, addDays(last.to, 0)),
      academies: series("academies", year, day),
      others: series("others", year, day),
    },
    cumulative,
    national: { thisYear: figure(year, "national"), lastYear: figure(year - 1, "national") },
    target: figure(year, "target"),
    funnel: FUNNEL_STAGES.map((stage) => {
      const days = gaps.rows.filter((g) => g.step === stage).map((g) => Number(g.days));
      return {
        stage,
        label: FUNNEL_LABELS[stage],
        count: Number(counts[stage]),
        medianDays: median(days),
        pairs: days.length,
      };
    }),
    sweepsByMonth: [...months.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([month, totals]) => ({ month, totals, yield: sweepYield(totals) })),
    sweepsYear: sweeps.totals,
  };
}
export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
