import "server-only";
import { roundedPercent } from "@/lib/domain/attendance-rates";
import { canChangeCase } from "@/lib/domain/case-rules";
import { evaluateTarget, targetProgress, type WindowProgress } from "@/lib/domain/case-target";
import { addDays } from "@/lib/domain/dates";
import type { WindowPlan } from "@/lib/domain/fast-track-window";
import { today } from "@/lib/env";
import type { Actor } from "../actor";
import { pupilCounts } from "../attendance/attendance-figures";
import { pgPool } from "../pg";
import { findCaseParents } from "./find-case-parents";
import { getCase, type CaseDetail } from "./get-case";
import { loadSchoolCalendar, tryPlanWindow } from "./load-window-plan";
import { loadWindowSettings } from "./load-window-settings";

export type CasePage = CaseDetail & {
  school: { id: string; name: string } | null;
  partiesWithAddress: (CaseDetail["parties"][number] & {
    title: string | null;
    address: string[];
    phone: string | null;
    email: string | null;
  })[];
  windowProgress: WindowProgress | null;
  /** Cosmetic: whether to show change links (changeCase enforces the same rule). */
  mayChange: boolean;
  mayReopen: boolean;
};

/**
 * Everything the case page shows, for one case in the actor's scope (getCase: out of scope or a role without
 * case.read is NotFoundError; the read is audited): the case, the pupil's current school, the parties' addresses,
 * and the Fast Track window with live progress against the target, counted from the register marks between the
 * window's start and today (or its end).
 */
export async function getCasePage(actor: Actor, caseId: string, reason?: string): Promise<CasePage> {
  const kase = await getCase(actor, caseId, "page", reason, ["decision", "letters", "referrals", "penalty_notices"]);
  const now = today();
  const authorityId = actor.authorityId;
  const [school, parents] = await Promise.all([
    // The school of the pupil's latest enrolment that has not ended, in one query with its name.
    pgPool()
      .query<{ id: string; name: string }>(
        `SELECT s.id, s.name FROM enrolment e JOIN school s ON s.authority_id = e.authority_id AND s.id = e.school_id
         WHERE e.authority_id = $1 AND e.pupil_id = $2 AND (e.end_date IS NULL OR e.end_date >= $3::date)
         ORDER BY e.start_date DESC, e.id LIMIT 1`,
        [authorityId, kase.pupil.id, now],
      )
      .then((r) => r.rows[0] ?? null),
    findCaseParents(authorityId, kase.id),
  ]);
  const partiesWithAddress = kase.parties.map((party) => {
    const parent = parents.get(party.id);
    return {
      ...party,
      title: parent?.title ?? null,
      phone: parent?.phone ?? null,
      email: parent?.email ?? null,
      address: [parent?.addressLine1, parent?.addressLine2, parent?.town, parent?.postcode].filter(
        (l): l is string => !!l,
      ),
    };
  });
  const actorRef = { id: actor.id, role: actor.role };
  const state = { assignedOfficerId: kase.assignedOfficer.id, status: kase.status };
  return {
    ...kase,
    school,
    partiesWithAddress,
    windowProgress: kase.window && kase.target ? await windowProgress(authorityId, kase, now) : null,
    mayChange: canChangeCase(actorRef, state).ok,
    mayReopen: kase.status === "closed" && canChangeCase(actorRef, state, "reopen").ok,
  };
}

async function windowProgress(authorityId: string, kase: CaseDetail, now: string): Promise<WindowProgress> {
  const window = kase.window!;
  const target = kase.target!;
  const started = kase.timeline.find((e) => e.kind === "window_started");
  const stored = (started?.details as { plan?: WindowPlan } | null)?.plan;
  const calendar = await loadSchoolCalendar(authorityId);
  let plan: WindowPlan = stored ?? { start: window.start, countsFrom: window.start, end: window.end, milestones: [] };
  let problem: string | null = calendar.ok ? null : calendar.message;
  if (!stored && calendar.ok) {
    const planned = tryPlanWindow(calendar.calendar, window.start, await loadWindowSettings(authorityId));
    if (planned.ok) plan = { ...planned.plan, end: window.end };
  }

  const ended = now > window.end;
  const asOf = ended ? window.end : now;
  const counts = await pupilCounts(pgPool(), kase.pupil.id, window.start, asOf, null);
  let sessionsRemaining: number | null = null;
  if (calendar.ok && !ended) {
    try {
      sessionsRemaining = calendar.calendar.sessionsBetween(addDays(now, 1), window.end);
    } catch {
      problem =
        "The term calendar does not cover the whole window, so the sessions left cannot be counted. Ask an " +
        "administrator to load the term dates.";
    }
  } else if (ended) {
    sessionsRemaining = 0;
  }
  const targetValue = {
    minAttendancePct: target.minAttendancePct,
    maxUnauthorisedSessions: target.maxUnauthorisedSessions,
  };
  return {
    plan,
    planAsStarted: !!stored,
    asOf,
    ended,
    counts,
    attendancePct:
      counts.possible === 0 ? null : roundedPercent(counts.present + counts.approvedActivity, counts.possible),
    sessionsRemaining,
    progress: !ended && sessionsRemaining !== null ? targetProgress(targetValue, counts, sessionsRemaining) : null,
    evaluation: ended ? evaluateTarget(targetValue, counts) : null,
    problem,
  };
}
