import "server-only";
import type { AttendanceCase } from "@/lib/generated/prisma/client";
import { describeTarget, formatAddress, parentNames, type MergeValues } from "@/lib/domain/letters";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { describePeriod, describeSessionDates, letterPeriods, warningCaution } from "@/lib/domain/letter-facts";
import type { LetterKind } from "@/lib/domain/letters";
import { schoolCalendar } from "@/lib/domain/school-calendar";
import { figures, pupilCounts } from "../attendance/attendance-figures";
import { loadCalendarEntries } from "../calendar/calendar-store";
import { dateOnly, type Tx } from "../db";
import { pgPool } from "../pg";
import { caseReference } from "./letter-pdf";

export type MeetingDetails = { date?: string; time?: string; place?: string };

/** Why a letter's figures cannot be stated, in words for the person producing it (never a {{token}}). */
export type FiguresProblem = { field: "kind" | "sentOn"; message: string };

/**
 * The values for one letter of `kind` on a case, as of the day it is sent (issue 15 §1: the letter states the
 * facts). An invitation or warning quotes the pupil's attendance before the letter: the last `figuresWeeks` school
 * weeks and this term to date, both to the day before it, with the dates of the unauthorised sessions. A review or
 * final warning quotes the window so far. From the live register at every school. Values the case cannot supply
 * (no window yet, no meeting given) are left out, so missingFields can name them; `figuresProblem` says when there
 * is nothing the letter could truthfully quote.
 */
export async function caseMergeValues(
  tx: Tx,
  kase: AttendanceCase,
  sentOn: string,
  meeting: MeetingDetails,
  letter: { kind: LetterKind; figuresWeeks: number },
) {
  const [pupil, authority, officer, enrolment, parties] = await Promise.all([
    tx.pupil.findFirstOrThrow({ where: { id: kase.pupilId, authorityId: kase.authorityId } }),
    tx.authority.findUniqueOrThrow({ where: { id: kase.authorityId } }),
    tx.appUser.findFirst({
      where: { id: kase.assignedOfficerId, authorityId: kase.authorityId },
      select: { name: true, email: true },
    }),
    tx.enrolment.findFirst({
      where: { pupilId: kase.pupilId, authorityId: kase.authorityId, startDate: { lte: dateOnly(sentOn) } },
      orderBy: [{ startDate: "desc" }, { id: "asc" }],
      include: { school: true },
    }),
    tx.caseParty.findMany({ where: { caseId: kase.id } }),
  ]);
  const parents = await tx.parent.findMany({
    where: { id: { in: parties.map((p) => p.parentId) }, authorityId: kase.authorityId },
  });

  const windowStart = kase.windowStart ? toIsoDate(kase.windowStart) : null;
  const windowEnd = kase.windowEnd ? toIsoDate(kase.windowEnd) : null;
  const entries = await loadCalendarEntries(pgPool(), kase.authorityId);
  let figuresProblem: FiguresProblem | null = null;
  /** A warning whose figures show no unauthorised absence (warningCaution), for the preview. */
  let caution: string | null = null;
  let periods: ReturnType<typeof letterPeriods>;
  try {
    periods = letterPeriods({
      kind: letter.kind,
      sentOn,
      calendar: schoolCalendar(entries),
      entries,
      window: windowStart && windowEnd ? { start: windowStart, end: windowEnd } : null,
      weeks: letter.figuresWeeks,
    });
  } catch {
    // A calendar that does not cover the period (CalendarGapError): nothing can be quoted.
    periods = { ok: false, reason: "no_school_days" };
  }
  const name = `${pupil.firstName} ${pupil.lastName}`;
  const figureValues: MergeValues = {};
  if (!periods.ok) {
    figuresProblem =
      periods.reason === "no_school_days"
        ? {
            field: "sentOn",
            message: `The term calendar has no school days in the ${letter.figuresWeeks} school weeks before this date, so the letter could not state ${name}'s attendance: an administrator adds the terms under Calendar`,
          }
        : {
            field: "kind",
            message:
              periods.reason === "no_window"
                ? "This letter quotes the Fast Track window so far, and the window has not started on this case: start the window first, or choose another letter"
                : "This letter quotes the Fast Track window so far, and the window begins on or after the letter's date: date the letter later, or choose another letter",
          };
  } else {
    const main = figures(await pupilCounts(pgPool(), pupil.id, periods.main.from, periods.main.to, null));
    if (main.possible === 0) {
      figuresProblem = {
        field: "sentOn",
        message: `No attendance is recorded for ${name} from ${describePeriod(periods.main)}, so the letter would state no facts: import the school's registers first`,
      };
    }
    const { rows: missed } = await pgPool().query<{ date: string; session: "AM" | "PM" }>(
      `SELECT m.date::text AS date, CASE m.session WHEN 0 THEN 'AM' ELSE 'PM' END AS session
       FROM pupil p JOIN attendance_mark m ON m.authority_id = p.authority_id AND m.pupil_key = p.store_key
       WHERE p.id = $1 AND m.date BETWEEN $2 AND $3 AND attendance_mark_category(m.code_id) = 'unauthorised'
       ORDER BY m.date, m.session`,
      [pupil.id, periods.main.from, periods.main.to],
    );
    figureValues["figures.period"] = describePeriod(periods.main);
    figureValues["figures.attendancePct"] = main.attendanceRate === null ? "not recorded" : `${main.attendanceRate}%`;
    figureValues["figures.unauthorisedSessions"] = String(main.unauthorised);
    figureValues["figures.possibleSessions"] = String(main.possible);
    figureValues["figures.unauthorisedDates"] = describeSessionDates(missed);
    let termUnauthorised: number | null = null;
    if (periods.term) {
      const term = figures(await pupilCounts(pgPool(), pupil.id, periods.term.from, periods.term.to, null));
      figureValues["figures.termPeriod"] = describePeriod(periods.term);
      figureValues["figures.termAttendancePct"] =
        term.attendanceRate === null ? "not recorded" : `${term.attendanceRate}%`;
      figureValues["figures.termUnauthorisedSessions"] = String(term.unauthorised);
      termUnauthorised = term.unauthorised;
    }
    if (main.possible > 0) {
      caution = warningCaution({
        kind: letter.kind,
        pupil: name,
        period: periods.main,
        unauthorised: main.unauthorised,
        termUnauthorised,
      });
    }
  }

  const common: MergeValues = {
    "pupil.name": name,
    "pupil.firstName": pupil.firstName,
    "pupil.dateOfBirth": formatUkDate(toIsoDate(pupil.dateOfBirth)),
    "school.name": enrolment?.school.name ?? "",
    "authority.name": authority.name,
    "case.reference": caseReference(kase.id),
    "case.openedOn": formatUkDate(toIsoDate(kase.openedOn)),
    "letter.date": formatUkDate(sentOn),
    ...figureValues,
    "officer.name": officer?.name ?? "",
    "officer.email": officer?.email ?? "",
  };
  if (windowStart && windowEnd) {
    common["case.windowStart"] = formatUkDate(windowStart);
    common["case.windowEnd"] = formatUkDate(windowEnd);
    common["case.target"] = describeTarget({
      minAttendancePct: kase.targetMinAttendanceTenths === null ? null : kase.targetMinAttendanceTenths / 10,
      maxUnauthorisedSessions: kase.targetMaxUnauthorised,
    });
  }
  if (meeting.date) common["meeting.date"] = formatUkDate(meeting.date);
  if (meeting.time) common["meeting.time"] = meeting.time;
  if (meeting.place) common["meeting.place"] = meeting.place;

  /** The values for the letter to one party. */
  const forParent = (parentId: string): MergeValues | null => {
    const parent = parents.find((p) => p.id === parentId);
    if (!parent) return null;
    const names = parentNames(parent);
    return {
      ...common,
      "parent.name": names.name,
      "parent.salutation": names.salutation,
      "parent.address": formatAddress([parent.addressLine1, parent.addressLine2, parent.town, parent.postcode]),
    };
  };
  return {
    figuresProblem,
    caution,
    partyIds: parties.map((p) => p.parentId),
    forParent,
    nameOf: (parentId: string) => {
      const p = parents.find((x) => x.id === parentId);
      return p ? parentNames(p).name : "";
    },
  };
}
