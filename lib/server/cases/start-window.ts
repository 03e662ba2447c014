import "server-only";
import { transition, WINDOW_ALREADY_STARTED, type CaseState } from "@/lib/domain/case-state";
import { validateTarget } from "@/lib/domain/case-target";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { canStartWindow, planWindow, type WindowPlan } from "@/lib/domain/fast-track-window";
import { CalendarGapError, schoolCalendar } from "@/lib/domain/school-calendar";
import { now, today } from "@/lib/env";
import { startWindowSchema, type StartWindowInput } from "@/lib/schemas/case";
import type { Actor } from "../actor";
import { loadCalendarEntries } from "../calendar/calendar-store";
import type { AttendanceCase } from "@/lib/generated/prisma/client";
import { dateOnly, type Tx } from "../db";
import { ValidationError } from "../errors";
import { pgPool } from "../pg";
import { createMilestoneTasks } from "../tasks/create-milestone-tasks";
import { notifyCaseSchools } from "../notifications/notify-schools";
import { targetWords } from "@/lib/domain/on-track";
import { changeCase, changeCaseInTx, type CaseChange } from "./change-case";
import { loadWindowSettings } from "./load-window-settings";
import { parseInput } from "./parse-input";

/**
 * Starts the Fast Track window on the date of the parents' meeting or warning letter, with the family's target.
 * The end date and milestones come from the authority's term calendar and window settings (planWindow), never
 * from the user. Refused: a second window (even after a reopen), a start before the case opened or after today,
 * an invalid target, and a window the calendar does not cover, with a message saying what to do.
 */
export async function startWindow(actor: Actor, raw: StartWindowInput) {
  // The form's context fields (caseOpenedOn, today) serve the browser's pre-check only: the server checks the same
  // rule below with the case as stored and its own clock, so a stale page cannot refuse a valid date.
  const input = parseInput(startWindowSchema, { ...raw, caseOpenedOn: undefined, today: undefined });
  return changeCase(actor, input, { action: "case.start_window" }, (kase, tx) => planStartWindow(kase, tx, input));
}

/** startWindow in the caller's transaction: the API opens a case and starts its window in one (openCaseInTx). */
export async function startWindowInTx(tx: Tx, actor: Actor, raw: StartWindowInput) {
  const input = parseInput(startWindowSchema, { ...raw, caseOpenedOn: undefined, today: undefined });
  return changeCaseInTx(tx, actor, input, { action: "case.start_window" }, (kase) => planStartWindow(kase, tx, input));
}

export type WindowStartInput = {
  startDate: string;
  minAttendancePct: number | null;
  maxUnauthorisedSessions: number | null;
};

/**
 * The change that starts a case's window (startWindow's rules, for changeCase's plan): checked against the case as
 * stored, with the milestones' tasks and the school's notice written in the caller's transaction. Also used when a
 * warning letter starts the window in the same step as the letters (produceLetters).
 */
export async function planStartWindow(kase: AttendanceCase, tx: Tx, input: WindowStartInput): Promise<CaseChange> {
  const check = canStartWindow({
    caseOpenedOn: toIsoDate(kase.openedOn),
    startDate: input.startDate,
    windowAlreadyStarted: kase.windowStart !== null,
    today: today(),
  });
  if (!check.ok) {
    throw check.message === WINDOW_ALREADY_STARTED
      ? new ValidationError({}, check.message)
      : new ValidationError({ startDate: [check.message] });
  }
  const next = transition(kase.status as CaseState, { type: "startWindow" });
  if (!next.ok) throw new ValidationError({}, next.message);

  const target = { minAttendancePct: input.minAttendancePct, maxUnauthorisedSessions: input.maxUnauthorisedSessions };
  const problems = validateTarget(target);
  if (problems.length > 0) {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of problems) (fieldErrors[p.field] ??= []).push(p.message);
    throw new ValidationError(fieldErrors);
  }

  const settings = await loadWindowSettings(kase.authorityId, tx);
  const entries = await loadCalendarEntries(pgPool(), kase.authorityId);
  const noCalendar =
    "The authority has no term calendar for this date yet, so the window's end cannot be worked " +
    "out. Ask an administrator to load the term dates, then start the window.";
  if (!entries.some((e) => e.kind === "term")) throw new ValidationError({ startDate: [noCalendar] });
  let plan: WindowPlan;
  try {
    plan = planWindow(schoolCalendar(entries), input.startDate, settings);
  } catch (error) {
    if (error instanceof CalendarGapError) {
      throw new ValidationError({
        startDate: [
          `The term calendar has no terms for the ${error.academicYear} academic ` +
            `year, which this window runs into, so its end cannot be worked out. Ask an administrator to load those ` +
            `term dates, then start the window.`,
        ],
      });
    }
    throw error;
  }

  // The window's milestones become the officer's tasks (My day), in this transaction.
  await createMilestoneTasks(tx, kase, plan);
  // The school that flagged the pupil hears that the window has started.
  const pupil = await tx.pupil.findFirst({
    where: { id: kase.pupilId, authorityId: kase.authorityId },
    select: { firstName: true, lastName: true, upn: true },
  });
  await notifyCaseSchools(
    tx,
    [
      {
        authorityId: kase.authorityId,
        caseId: kase.id,
        kind: "window_started",
        onDay: today(),
        message:
          `${pupil ? `${pupil.firstName} ${pupil.lastName} (UPN ${pupil.upn})` : "A pupil"}: the Fast Track window ` +
          `started on ${formatUkDate(plan.start)} and ends on ${formatUkDate(plan.end)}. Target: ${targetWords(target)}.`,
      },
    ],
    now(),
  );
  const tenths = target.minAttendancePct === null ? null : Math.round(target.minAttendancePct * 10);
  return {
    data: {
      status: next.state,
      windowStart: dateOnly(plan.start),
      windowEnd: dateOnly(plan.end),
      targetMinAttendanceTenths: tenths,
      targetMaxUnauthorised: target.maxUnauthorisedSessions,
    },
    events: [
      {
        kind: "window_started",
        occurredOn: plan.start,
        details: { plan, target, lengthWeeks: settings.lengthWeeks },
      },
    ],
    auditDetail: { windowStart: plan.start, windowEnd: plan.end },
  };
}
