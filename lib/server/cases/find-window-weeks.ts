import "server-only";
import { roundedPercent } from "@/lib/domain/attendance-rates";
import { toIsoDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { pgPool } from "../pg";
import { findScopedCase } from "./find-scoped-case";

export type WindowWeek = {
  monday: string;
  possible: number;
  attended: number;
  unauthorised: number;
  /** Running totals from the window's start to the end of this week. */
  cumulativeAttendance: number | null;
  cumulativeUnauthorised: number;
};

/**
 * The case's window week by week, for the progress chart: sessions possible, attended (present or approved
 * activity) and unauthorised each calendar week from the window's start to its end (or today), with the running
 * attendance rate and count of unauthorised sessions the target is judged on (as the window panel counts them:
 * every mark of the pupil's from the start). Null for a case outside the actor's scope or without a window.
 */
export async function findWindowWeeks(actor: Actor, caseId: string) {
  authorize(actor, "case.read");
  const kase = await findScopedCase(actor, caseId);
  if (!kase?.windowStart || !kase.windowEnd) return null;
  const start = toIsoDate(kase.windowStart);
  const end = toIsoDate(kase.windowEnd);
  const day = today();
  const upTo = end < day ? end : day;
  const { rows } = await pgPool().query<{ monday: string; possible: string; attended: string; unauthorised: string }>(
    `SELECT date_trunc('week', date)::date::text AS monday,
            count(*) FILTER (WHERE attendance_mark_category(code_id) <> 'not_possible') AS possible,
            count(*) FILTER (WHERE attendance_mark_category(code_id) IN ('present', 'approved_activity')) AS attended,
            count(*) FILTER (WHERE attendance_mark_category(code_id) = 'unauthorised') AS unauthorised
     FROM attendance_mark
     WHERE authority_id = $4
       AND pupil_key = (SELECT store_key FROM pupil WHERE authority_id = $4 AND id = $1)
       AND date BETWEEN $2 AND $3
     GROUP BY 1 ORDER BY 1`,
    [kase.pupilId, start, upTo, actor.authorityId],
  );
  let possible = 0;
  let attended = 0;
  let unauthorised = 0;
  const weeks: WindowWeek[] = rows.map((r) => {
    possible += Number(r.possible);
    attended += Number(r.attended);
    unauthorised += Number(r.unauthorised);
    return {
      monday: r.monday,
      possible: Number(r.possible),
      attended: Number(r.attended),
      unauthorised: Number(r.unauthorised),
      cumulativeAttendance: possible > 0 ? roundedPercent(attended, possible) : null,
      cumulativeUnauthorised: unauthorised,
    };
  });
  return {
    start,
    end,
    asOf: upTo,
    target: {
      minAttendancePct: kase.targetMinAttendanceTenths === null ? null : kase.targetMinAttendanceTenths / 10,
      maxUnauthorisedSessions: kase.targetMaxUnauthorised,
    },
    weeks,
  };
}
