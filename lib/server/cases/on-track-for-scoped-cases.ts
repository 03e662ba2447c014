import "server-only";
import type { Category } from "@/lib/domain/attendance-codes";
import { addDays, toIsoDate } from "@/lib/domain/dates";
import { onTrack, type OnTrack } from "@/lib/domain/on-track";
import { today } from "@/lib/env";
import { countsFromRows } from "../attendance/attendance-figures";
import { db } from "../db";
import { pgPool } from "../pg";
import { loadSchoolCalendar } from "./load-window-plan";

/**
 * "On track at a glance" for cases the caller has already read within the actor's scope (hence the name: this
 * function does no scoping of its own): for each case with a window, the register marks from the window's start to
 * today (or its end), counted in one query for the whole set, and the school sessions left from the authority's
 * calendar. Cases without a window are left out of the map.
 */
export async function onTrackForScopedCases(
  authorityId: string,
  caseIds: readonly string[],
): Promise<Map<string, OnTrack>> {
  const out = new Map<string, OnTrack>();
  if (caseIds.length === 0) return out;
  const cases = await db.attendanceCase.findMany({
    where: { authorityId, id: { in: [...caseIds] }, windowStart: { not: null } },
    select: {
      id: true,
      pupilId: true,
      windowStart: true,
      windowEnd: true,
      targetMinAttendanceTenths: true,
      targetMaxUnauthorised: true,
    },
  });
  if (cases.length === 0) return out;
  const day = today();
  const windows = cases.map((c) => {
    const start = toIsoDate(c.windowStart!);
    const end = toIsoDate(c.windowEnd!);
    return { id: c.id, pupilId: c.pupilId, start, end, ended: day > end, to: day > end ? end : day };
  });
  const [{ rows }, calendar] = await Promise.all([
    pgPool().query<{ case_id: string; category: Category; n: string }>(
      // The register store keys marks by the pupil's store key and the code's number (issue 14).
      `SELECT x.case_id, attendance_mark_category(m.code_id) AS category, count(*) AS n
       FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, pupil_id uuid, from_d date, to_d date)
       JOIN pupil p ON p.authority_id = $2 AND p.id = x.pupil_id
       JOIN attendance_mark m ON m.authority_id = $2 AND m.pupil_key = p.store_key AND m.date BETWEEN x.from_d AND x.to_d
         AND m.date BETWEEN $3::date AND $4::date
       GROUP BY x.case_id, attendance_mark_category(m.code_id)`,
      [
        JSON.stringify(windows.map((w) => ({ case_id: w.id, pupil_id: w.pupilId, from_d: w.start, to_d: w.to }))),
        authorityId,
        // The windows' whole span as well: a per-row bound cannot prune the marks' months (ADR 083), so without it
        // each case's pupil was looked up in every month of every stored year.
        windows.reduce((lo, w) => (w.start < lo ? w.start : lo), windows[0]!.start),
        windows.reduce((hi, w) => (w.to > hi ? w.to : hi), windows[0]!.to),
      ],
    ),
    loadSchoolCalendar(authorityId),
  ]);
  for (const c of cases) {
    const w = windows.find((x) => x.id === c.id)!;
    const counts = countsFromRows(rows.filter((r) => r.case_id === c.id));
    let sessionsRemaining: number | null = null;
    if (!w.ended && calendar.ok) {
      try {
        sessionsRemaining = calendar.calendar.sessionsBetween(addDays(day, 1), w.end);
      } catch {
        sessionsRemaining = null;
      }
    }
    const target = {
      minAttendancePct: c.targetMinAttendanceTenths === null ? null : c.targetMinAttendanceTenths / 10,
      maxUnauthorisedSessions: c.targetMaxUnauthorised,
    };
    out.set(c.id, onTrack(target, counts, { ended: w.ended, sessionsRemaining }));
  }
  return out;
}
