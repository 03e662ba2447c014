// Demo attendance: each demo authority's term calendar, national comparison figures, and synthetic register
// marks from September 2025 to yesterday, imported through the real CSV importer. Patterns: most pupils above
// 95%, a tail of persistent absentees, more absence on Fridays and next to holidays (often unauthorised
// holidays, code G), and a few pupils who cross the penalty-notice threshold this term. Unauthorised rates are
// tuned towards the figures the press gave for 2004/05 (Darlington 1.02%, Middlesbrough 0.89%, Redcar and
// Cleveland 0.84%), which shared/domain.md §9.2 marks as unconfirmed; they are demo targets, nothing more.
import { addDays } from "../lib/domain/dates";
import { Readable } from "node:stream";
import { csvRow } from "../lib/domain/csv";
import { DEMO_CALENDAR_ENTRIES_2025_27, schoolCalendar } from "../lib/domain/school-calendar";
import { importRegisterCsv } from "../lib/server/attendance/import-register";
import { importCalendarCsv } from "../lib/server/calendar/import-calendar-csv";
import { pgPool } from "../lib/server/pg";
import { seededRng, type Rng } from "./factories";

export const DEMO_UNAUTHORISED_TARGETS: Record<string, number> = { "841": 1.02, "806": 0.89, "807": 0.84 };

type Profile = { absence: number; unauthorisedShare: number; crosser: boolean };

/** Profiles are assigned by position (1 in 100 crosses the threshold, 1 in 20 is persistently absent, 3 in
 * 20 are in between), so every authority gets the same mix and its rate lands near its target. */
function profileFor(index: number, rng: Rng, unauthorisedScale: number): Profile {
  if (index % 100 === 37) return { absence: 0.04, unauthorisedShare: 0.5, crosser: true };
  if (index % 20 === 3)
    return { absence: 0.12 + rng() * 0.25, unauthorisedShare: Math.min(0.95, 0.3 * unauthorisedScale), crosser: false };
  if (index % 20 === 7 || index % 20 === 11 || index % 20 === 15) {
    return { absence: 0.05 + rng() * 0.05, unauthorisedShare: Math.min(0.9, 0.1 * unauthorisedScale), crosser: false };
  }
  return { absence: rng() * 0.04, unauthorisedShare: Math.min(0.9, 0.04 * unauthorisedScale), crosser: false };
}

/** Yields the register CSV for one authority's pupils over the school days given. */
export function* registerCsv(
  rng: Rng,
  pupils: { upn: string }[],
  days: { date: string; weekday: number; nearHoliday: boolean }[],
  scale: number,
  crossFrom: string,
) {
  yield "upn,date,session,code\n";
  for (const [index, pupil] of pupils.entries()) {
    const profile = profileFor(index, rng, scale);
    let illnessLeft = 0;
    let out = "";
    for (const day of days) {
      let codes: [string, string];
      // Crossers miss about one day in four from `crossFrom`, without a reason: over 10 sessions in 5 weeks.
      if (profile.crosser && day.date >= crossFrom && rng() < 0.25) codes = ["N", "O"];
      else if (illnessLeft > 0) {
        illnessLeft--;
        codes = ["I", "I"];
      } else {
        let p = profile.absence * (day.weekday === 5 ? 1.5 : 1) * (day.nearHoliday ? 2 : 1);
        p = Math.min(p, 0.95);
        if (rng() < p) {
          if (rng() < profile.unauthorisedShare) {
            const code = day.nearHoliday && rng() < 0.6 ? "G" : rng() < 0.7 ? "N" : "O";
            codes = rng() < 0.15 ? ["U", "\\"] : [code, code];
          } else if (rng() < 0.8) {
            illnessLeft = Math.floor(rng() * 2);
            codes = ["I", "I"];
          } else {
            codes = rng() < 0.5 ? ["M", "\\"] : ["C", "C"];
          }
        } else {
          codes = [rng() < 0.03 ? "L" : "/", "\\"];
        }
      }
      out += csvRow([pupil.upn, day.date, "AM", codes[0]]) + csvRow([pupil.upn, day.date, "PM", codes[1]]);
    }
    yield out;
  }
}

export async function seedAttendance(today: string, log: (line: string) => void = () => {}) {
  const pool = pgPool();
  const calendarCsv =
    "kind,start,end,name\n" +
    DEMO_CALENDAR_ENTRIES_2025_27.map((e) => csvRow([e.kind, e.start, e.end, e.name])).join("");
  const calendar = schoolCalendar([...DEMO_CALENDAR_ENTRIES_2025_27]);
  const lastDay = addDays(today, -1) < "2027-07-21" ? addDays(today, -1) : "2027-07-21";
  const days: { date: string; weekday: number; nearHoliday: boolean }[] = [];
  for (let d = "2025-09-03"; d <= lastDay; d = addDays(d, 1)) {
    if (!calendar.covers(d) || !calendar.isSchoolDay(d)) continue;
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    const before = addDays(d, weekday === 1 ? -3 : -1);
    const after = addDays(d, weekday === 5 ? 3 : 1);
    const nearHoliday = [before, after].some((x) => !calendar.covers(x) || !calendar.isSchoolDay(x));
    days.push({ date: d, weekday, nearHoliday });
  }
  // Crossers start missing school five weeks before the last day, so they are over the threshold now.
  const crossFrom = addDays(lastDay, -35);

  const { rows: authorities } = await pool.query<{ id: string; la_code: string; name: string }>(
    "SELECT id, la_code, name FROM authority ORDER BY la_code",
  );
  for (const authority of authorities) {
    const target = DEMO_UNAUTHORISED_TARGETS[authority.la_code];
    if (target === undefined) continue;
    await importCalendarCsv({ system: "seed", authorityId: authority.id }, calendarCsv);
    await pool.query(
      `INSERT INTO comparison_figure (authority_id, academic_year, kind, label, unauthorised_rate, source) VALUES
         ($1, 2025, 'national', 'England (demo figure)', 0.79, 'Demo value: the 0.79% press reports gave, confirmed for 2005/06 (shared/domain.md §9.1)'),
         ($1, 2026, 'national', 'England (demo figure)', 0.79, 'Demo value, as for 2025/26'),
         ($1, 2005, 'national', 'England', 0.79, 'Provisional, old survey basis (shared/domain.md §9.1)'),
         ($1, 2006, 'national', 'England', 1.00, 'shared/domain.md §9.1'),
         ($1, 2016, 'national', 'England', 1.30, 'shared/domain.md §9.1')`,
      [authority.id],
    );
    const { rows: pupils } = await pool.query<{ upn: string }>(
      "SELECT upn FROM pupil WHERE authority_id = $1 ORDER BY upn",
      [authority.id],
    );
    const rng = seededRng(Number(authority.la_code) * 7919);
    const started = Date.now();
    const outcome = await importRegisterCsv({
      actor: { system: "seed", authorityId: authority.id },
      // 0.6 calibrates the unauthorised share so that the rates land near their targets (checked by hand).
      input: Readable.from(registerCsv(rng, pupils, days, target / 0.6, crossFrom)),
      filename: `demo-${authority.la_code}.csv`,
    });
    if (!outcome.ok)
      throw new Error(`Demo register for ${authority.name} was refused: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    const {
      rows: [rate],
    } = await pool.query<{ rate: string }>(
      "SELECT round(100.0 * sum(unauthorised) / nullif(sum(possible), 0), 2) AS rate FROM attendance_authority_day WHERE authority_id = $1 AND date < '2026-09-01'",
      [authority.id],
    );
    log(
      `  ${authority.name}: ${outcome.counts.marksCreated} register marks in ${((Date.now() - started) / 1000).toFixed(1)} s; unauthorised absence 2025/26 ${rate!.rate}% (target ${target}%)`,
    );
  }
}
