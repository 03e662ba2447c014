import "server-only";
import { PERSISTENT_ABSENCE_THRESHOLD } from "@/lib/domain/attendance-rates";
import { fairnessTable, type FairnessPupil } from "@/lib/domain/fairness";
import { academicYearBounds, censusAsOf } from "@/lib/domain/parental-responsibility";
import { FSM_GROUPS, SEN_GROUPS, fsmGroup, senGroup } from "@/lib/domain/pupil-characteristics";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { pgPool } from "../pg";

const YEAR_GROUPS = ["N1", "N2", "R", ...Array.from({ length: 14 }, (_, i) => String(i + 1))];

/**
 * The fairness table for the academic year starting in `startYear`: the pupils of the actor's authority with
 * possible sessions that year, grouped by SEN provision, free school meals (from the CTF), sex and year group, with
 * who became a persistent absentee, had a case opened, was referred for prosecution, prosecuted (approved) and
 * convicted in the year. Suppressed below 5 (lib/domain/fairness.ts). Managers only; audited.
 */
export async function getFairness(actor: Actor, startYear: number) {
  authorize(actor, "statistics.read");
  const { from, to: yearEnd, label } = academicYearBounds(startYear);
  // Records are counted in the year they are dated in; the page says "up to today" while the year runs.
  const to = censusAsOf(startYear, today());
  const { rows } = await pgPool().query<{
    sex: string;
    year_group: string | null;
    sen_provision: string | null;
    fsm_eligible: boolean | null;
    persistent: boolean;
    cases: boolean;
    referrals: boolean;
    prosecutions: boolean;
    convictions: boolean;
  }>(
    `WITH year AS MATERIALIZED (
       SELECT p.id AS pupil_id, sum(y.possible) AS possible, sum(y.authorised + y.unauthorised) AS absent
       FROM attendance_pupil_year y JOIN pupil p ON p.authority_id = $1 AND p.store_key = y.pupil_key
       WHERE y.authority_id = $1 AND y.academic_year = $4 GROUP BY p.id HAVING sum(y.possible) > 0)
     SELECT p.sex::text AS sex,
            (SELECT e.year_group FROM enrolment e WHERE e.authority_id = $1 AND e.pupil_id = p.id AND e.start_date <= $3
              ORDER BY e.start_date DESC, e.id LIMIT 1) AS year_group,
            ch.sen_provision, ch.fsm_eligible,
            y.absent * 100 >= $5 * y.possible AS persistent,
            EXISTS (SELECT 1 FROM attendance_case c WHERE c.pupil_id = p.id AND c.authority_id = $1
                    AND c.opened_on BETWEEN $2 AND $3) AS cases,
            EXISTS (SELECT 1 FROM prosecution_referral r JOIN attendance_case c ON c.authority_id = r.authority_id AND c.id = r.case_id
                    WHERE c.pupil_id = p.id AND r.authority_id = $1
                      AND (r.created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3) AS referrals,
            EXISTS (SELECT 1 FROM prosecution_referral r JOIN attendance_case c ON c.authority_id = r.authority_id AND c.id = r.case_id
                    WHERE c.pupil_id = p.id AND r.authority_id = $1 AND r.status IN ('approved', 'concluded')
                      AND (r.reviewed_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3) AS prosecutions,
            EXISTS (SELECT 1 FROM court_outcome o JOIN prosecution_referral r ON r.authority_id = o.authority_id AND r.id = o.referral_id
                      JOIN attendance_case c ON c.authority_id = r.authority_id AND c.id = r.case_id
                    WHERE c.pupil_id = p.id AND o.authority_id = $1 AND o.verdict = 'guilty'
                      AND (o.created_at AT TIME ZONE 'Europe/London')::date BETWEEN $2 AND $3) AS convictions
     FROM year y JOIN pupil p ON p.authority_id = $1 AND p.id = y.pupil_id
     LEFT JOIN pupil_characteristics ch ON ch.pupil_id = p.id AND ch.authority_id = p.authority_id`,
    [actor.authorityId, from, yearEnd, startYear, PERSISTENT_ABSENCE_THRESHOLD],
  );
  const pupils: FairnessPupil[] = rows.map((r) => ({
    groups: {
      sen: senGroup(r.sen_provision),
      fsm: fsmGroup(r.fsm_eligible),
      sex: r.sex,
      yearGroup: r.year_group ?? "Not known",
    },
    persistentAbsence: r.persistent,
    cases: r.cases,
    referrals: r.referrals,
    prosecutions: r.prosecutions,
    convictions: r.convictions,
  }));
  await audit(actor, {
    action: "statistics.view_fairness",
    entityType: "statistics",
    entityId: `fairness:${startYear}`,
    detail: { pupils: pupils.length },
  });
  return {
    year: startYear,
    label,
    from,
    to,
    pupils: pupils.length,
    sections: fairnessTable(pupils, { sen: SEN_GROUPS, fsm: FSM_GROUPS, sex: ["F", "M"], yearGroup: YEAR_GROUPS }),
  };
}
