import "server-only";
import { CASE_STATE_LABELS, type CaseState } from "@/lib/domain/case-state";
import {
  caseQueues,
  flagAwaitsTriage,
  MILESTONE_WORK_KINDS,
  QUEUE_KEYS,
  sortQueueRows,
  type QueueItem,
  type QueueKey,
  type QueueMilestone,
  type SortableRow,
} from "@/lib/domain/case-queues";
import { londonDate, toIsoDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { caseScope } from "../cases/case-scope";
import { db } from "../db";
import { flagScope } from "../flags/flag-scope";
import { pgPool } from "../pg";
import type { FilterProblem, QueueFilters } from "./queue-filters";

/** One line of a queue: a case (linking to /cases/<id>) or, in the triage queue, a flag (/flags/<id>). */
export type QueueRow = SortableRow & {
  kind: "case" | "flag";
  href: string;
  upn: string;
  schoolId: string | null;
  officerId: string | null;
  statusKey: string;
  /** The queue's date as an ISO date (for flags `date` is the full timestamp, so they sort to the second). */
  day: string;
  windowEnd: string | null;
  /** What is due or overdue; for a flag, the school's reason. */
  items: QueueItem[];
};

export type QueueOption = { id: string; name: string };

export type LoadedQueues = {
  today: string;
  schools: QueueOption[];
  officers: QueueOption[];
  /** Per queue, the officer filter it applied: a user id, or "all". */
  officerApplied: Record<QueueKey, string>;
  /** Per queue, every row matching the filters, sorted as asked. */
  rows: Record<QueueKey, QueueRow[]>;
  problems: FilterProblem[];
};

/**
 * Every queue for the actor on the service clock's today, filtered by school and officer and sorted as the
 * filters say. Officers and managers only (case.read; anyone else gets ForbiddenError); rows come from caseScope
 * and flagScope, so another authority's cases never appear. The officer filter "" means the queue's default:
 * an officer's own cases in every case queue (counts are their own unless they choose "All officers"), and
 * everyone's for managers. Flags have no officer yet,
 * so the officer filter does not apply to them.
 * A school or officer id that is not one of the authority's is reported as a problem and ignored.
 * Not audited here: the callers (a page view, an export, the home page's counts) each write their own row.
 */
export async function loadQueues(actor: Actor, filters: QueueFilters): Promise<LoadedQueues> {
  authorize(actor, "case.read");
  const day = today();
  const problems: FilterProblem[] = [];

  // The cases and flags come through their scope builders (Prisma); the rows that hang off them, and the
  // authority's schools and officers, through the pg pool, whose reads cost a fraction of Prisma's CPU per row
  // (this page reads every open case of the authority, with their events, pupils and enrolments: ADR 080).
  const pool = pgPool();
  const [schools, officers, cases, flags] = await Promise.all([
    pool
      .query<{ id: string; name: string }>(
        `SELECT id, name FROM school WHERE authority_id = $1::uuid ORDER BY name, id`,
        [actor.authorityId],
      )
      .then((r) => r.rows),
    pool
      .query<{ id: string; name: string; disabled: boolean }>(
        `SELECT id, name, disabled FROM app_user WHERE authority_id = $1::uuid AND role = 'officer' ORDER BY name, id`,
        [actor.authorityId],
      )
      .then((r) => r.rows),
    db.attendanceCase.findMany({
      where: { AND: [caseScope(actor), { status: { not: "closed" } }] },
      select: {
        id: true,
        pupilId: true,
        status: true,
        assignedOfficerId: true,
        openedOn: true,
        windowStart: true,
        windowEnd: true,
      },
    }),
    db.caseFlag.findMany({
      where: { AND: [flagScope(actor), { status: "new" }] },
      select: { id: true, pupilId: true, schoolId: true, status: true, reason: true, createdAt: true },
    }),
  ]);

  let school = filters.school;
  if (school && !schools.some((s) => s.id === school)) {
    problems.push({
      field: "school",
      message:
        "The school filter is not a school of this authority: choose a school from the list. Showing all schools.",
    });
    school = "";
  }
  let officer = filters.officer;
  if (officer && officer !== "all" && !officers.some((o) => o.id === officer)) {
    problems.push({
      field: "officer",
      message: "The officer filter is not an officer of this authority: choose an officer from the list.",
    });
    officer = "";
  }

  const caseIds = cases.map((c) => c.id);
  const pupilIds = [...new Set([...cases.map((c) => c.pupilId), ...flags.map((f) => f.pupilId)])];
  const [events, pupils] = await Promise.all([
    caseIds.length === 0
      ? []
      : pool
          .query<{ case_id: string; kind: string; occurred_on: string; details: unknown }>(
            `SELECT case_id, kind, occurred_on::text AS occurred_on, details FROM case_event
             WHERE authority_id = $1::uuid AND case_id = ANY($2::uuid[]) AND kind = ANY($3::text[])`,
            [actor.authorityId, caseIds, [...MILESTONE_WORK_KINDS, "window_started"]],
          )
          .then((r) => r.rows),
    pupilIds.length === 0
      ? []
      : pool
          .query<{ id: string; upn: string; first_name: string; last_name: string; school_id: string | null }>(
            // The pupil's school for the queues: the enrolment current today, else the latest one (each by the
            // latest start, then the enrolment's id).
            `SELECT p.id, p.upn, p.first_name, p.last_name,
                    (SELECT e.school_id FROM enrolment e
                     WHERE e.authority_id = p.authority_id AND e.pupil_id = p.id
                     ORDER BY (e.start_date <= $3::date AND (e.end_date IS NULL OR e.end_date >= $3::date)) DESC,
                              e.start_date DESC, e.id
                     LIMIT 1) AS school_id
             FROM pupil p WHERE p.authority_id = $1::uuid AND p.id = ANY($2::uuid[])`,
            [actor.authorityId, pupilIds, day],
          )
          .then((r) => r.rows),
  ]);

  const pupilById = new Map(
    pupils.map((p) => [p.id, { upn: p.upn, name: `${p.last_name}, ${p.first_name}`, schoolId: p.school_id }]),
  );
  const schoolName = new Map(schools.map((s) => [s.id, s.name]));
  const officerName = new Map(officers.map((o) => [o.id, o.disabled ? `${o.name} (disabled)` : o.name]));
  const milestonesOf = new Map<string, QueueMilestone[]>();
  const workOf = new Map<string, string[]>();
  for (const e of events) {
    if (e.kind === "window_started") {
      const plan = (e.details as { plan?: { milestones?: QueueMilestone[] } } | null)?.plan;
      milestonesOf.set(
        e.case_id,
        (plan?.milestones ?? []).map((m) => ({ key: m.key, label: m.label, due: m.due })),
      );
    } else {
      const list = workOf.get(e.case_id) ?? [];
      list.push(e.occurred_on);
      workOf.set(e.case_id, list);
    }
  }

  const officerApplied = {} as Record<QueueKey, string>;
  for (const q of QUEUE_KEYS) {
    officerApplied[q] = officer || (actor.role === "officer" && q !== "flags" ? actor.id : "all");
  }

  const rows = Object.fromEntries(QUEUE_KEYS.map((q) => [q, [] as QueueRow[]])) as Record<QueueKey, QueueRow[]>;
  for (const c of cases) {
    const pupil = pupilById.get(c.pupilId);
    if (!pupil) continue;
    if (school && pupil.schoolId !== school) continue;
    const windowEnd = c.windowEnd ? toIsoDate(c.windowEnd) : null;
    const placements = caseQueues(
      {
        status: c.status as CaseState,
        openedOn: toIsoDate(c.openedOn),
        windowStart: c.windowStart ? toIsoDate(c.windowStart) : null,
        windowEnd,
        milestones: milestonesOf.get(c.id) ?? [],
        workDates: workOf.get(c.id) ?? [],
      },
      day,
    );
    for (const p of placements) {
      const applied = officerApplied[p.queue];
      if (applied !== "all" && c.assignedOfficerId !== applied) continue;
      rows[p.queue].push({
        kind: "case",
        id: c.id,
        href: `/cases/${c.id}`,
        date: p.date,
        day: p.date,
        pupil: pupil.name,
        upn: pupil.upn,
        schoolId: pupil.schoolId,
        school: pupil.schoolId ? (schoolName.get(pupil.schoolId) ?? "") : "Not on roll",
        officerId: c.assignedOfficerId,
        officer: officerName.get(c.assignedOfficerId) ?? "",
        statusKey: c.status,
        status: CASE_STATE_LABELS[c.status as CaseState] ?? c.status,
        windowEnd,
        items: p.items,
      });
    }
  }
  for (const f of flags) {
    if (!flagAwaitsTriage(f)) continue;
    if (school && f.schoolId !== school) continue;
    const pupil = pupilById.get(f.pupilId);
    if (!pupil) continue;
    rows.flags.push({
      kind: "flag",
      id: f.id,
      href: `/flags/${f.id}`,
      date: f.createdAt.toISOString(),
      day: londonDate(f.createdAt),
      pupil: pupil.name,
      upn: pupil.upn,
      schoolId: f.schoolId,
      school: schoolName.get(f.schoolId) ?? "",
      officerId: null,
      officer: "",
      statusKey: "new",
      status: "Awaiting triage",
      windowEnd: null,
      items: [{ label: f.reason, due: londonDate(f.createdAt) }],
    });
  }
  for (const q of QUEUE_KEYS) rows[q] = sortQueueRows(rows[q], filters.sort, filters.dir);

  return {
    today: day,
    schools: schools.map((s) => ({ id: s.id, name: s.name })),
    officers: officers.map((o) => ({ id: o.id, name: officerName.get(o.id)! })),
    officerApplied,
    rows,
    problems,
  };
}
