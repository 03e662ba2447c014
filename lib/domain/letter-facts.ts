// Letters that state the facts (issue 15 §1): a letter is evidence in court, so the figures it quotes cover a stated
// period, worked out here. Warning and invitation letters quote the pupil's attendance BEFORE the letter: the last N
// school weeks (N per template, default 6) and this term to date, both ending the day before the letter, with the
// unauthorised sessions' dates. Review and final-warning letters quote the window so far. Which merge fields each
// kind of letter can know is fixed here too, so a template that would fail when produced cannot be saved. Pure.
import { addDays, formatUkDate } from "./dates";
import type { CalendarEntry, DateRange, SchoolCalendar } from "./school-calendar";
import { MERGE_FIELDS, mergeFieldsIn, type LetterKind, type MergeFieldKey } from "./letters";

/** The school weeks a warning or invitation letter looks back over, unless its template says otherwise. */
export const DEFAULT_FIGURES_WEEKS = 6;
/** The most a template may look back: a school year has 39 school weeks. */
export const MAX_FIGURES_WEEKS = 39;

/** What the figures of each kind of letter cover. */
export const FIGURES_BASIS: Record<LetterKind, "before_letter" | "window_so_far"> = {
  meeting_invitation: "before_letter",
  warning: "before_letter",
  review: "window_so_far",
  final_warning: "window_so_far",
};

export type LetterPeriods =
  | { ok: true; main: DateRange; term: DateRange | null }
  | { ok: false; reason: "no_window" | "window_not_begun" | "no_school_days" };

/**
 * The periods a letter sent on `sentOn` quotes. Before the letter: the last `weeks` school weeks ending the day
 * before it (lastSchoolWeeks), and the term that day falls in (in a holiday, the term just ended), from its first day
 * to the day before the letter or the term's end. The window so far: from the window's start to the day before the letter, or the window's end
 * if that is earlier; no window, or a window that begins on or after the letter's date, has nothing to quote.
 */
export function letterPeriods(args: {
  kind: LetterKind;
  sentOn: string;
  calendar: SchoolCalendar;
  entries: readonly CalendarEntry[];
  window: { start: string; end: string } | null;
  weeks?: number;
}): LetterPeriods {
  const dayBefore = addDays(args.sentOn, -1);
  if (FIGURES_BASIS[args.kind] === "window_so_far") {
    if (!args.window) return { ok: false, reason: "no_window" };
    if (args.window.start > dayBefore) return { ok: false, reason: "window_not_begun" };
    const to = args.window.end < dayBefore ? args.window.end : dayBefore;
    return { ok: true, main: { from: args.window.start, to }, term: null };
  }
  const weeks = args.weeks ?? DEFAULT_FIGURES_WEEKS;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_FIGURES_WEEKS) {
    throw new RangeError(`weeks must be a whole number from 1 to ${MAX_FIGURES_WEEKS}`);
  }
  const main = args.calendar.lastSchoolWeeks(dayBefore, weeks);
  if (args.calendar.schoolDaysBetween(main.from, main.to).length === 0) return { ok: false, reason: "no_school_days" };
  // The term the day before falls in, or in a holiday the term just ended.
  const term = args.entries
    .filter((e) => e.kind === "term" && e.start <= dayBefore)
    .reduce<CalendarEntry | null>((latest, e) => (latest === null || e.start > latest.start ? e : latest), null);
  return { ok: true, main, term: term ? { from: term.start, to: term.end < dayBefore ? term.end : dayBefore } : null };
}

/**
 * What the officer is told before sending a warning letter whose own figures do not justify it (issue 15 §1: "A
 * warning must state the attendance that justifies it"): no unauthorised absence in the period it quotes nor this
 * term so far. The letter still states the facts truly; the officer decides (the absence may be older, or the
 * register not yet imported), so this cautions rather than refuses. Null for other kinds of letter, and when the
 * figures show unauthorised absence.
 */
export function warningCaution(args: {
  kind: LetterKind;
  pupil: string;
  period: DateRange;
  unauthorised: number;
  termUnauthorised: number | null;
}): string | null {
  if (args.kind !== "warning") return null;
  if (args.unauthorised > 0 || (args.termUnauthorised ?? 0) > 0) return null;
  return (
    `The register shows no unauthorised absence for ${args.pupil} from ${describePeriod(args.period)}` +
    `${args.termUnauthorised === null ? "" : " or this term so far"}, so this formal warning states no absence ` +
    "that justifies it: check the register is up to date, or choose another letter"
  );
}

/** "2 November 2026 to 11 December 2026". */
export const describePeriod = (p: DateRange) => `${formatUkDate(p.from)} to ${formatUkDate(p.to)}`;

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/**
 * The dates of unauthorised sessions, in order, as a letter states them: "Monday 2 November 2026 (morning and
 * afternoon), Friday 6 November 2026 (afternoon)". "none" when there were none.
 */
export function describeSessionDates(sessions: readonly { date: string; session: "AM" | "PM" }[]): string {
  if (sessions.length === 0) return "none";
  const byDay = new Map<string, Set<string>>();
  for (const s of [...sessions].sort((a, b) =>
    a.date === b.date ? a.session.localeCompare(b.session) : a.date < b.date ? -1 : 1,
  )) {
    (byDay.get(s.date) ?? byDay.set(s.date, new Set()).get(s.date)!).add(s.session);
  }
  return [...byDay]
    .map(([date, set]) => {
      const weekday = WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
      const part = set.size === 2 ? "morning and afternoon" : set.has("AM") ? "morning" : "afternoon";
      return `${weekday} ${formatUkDate(date)} (${part})`;
    })
    .join(", ");
}

const ALL_FIELDS = MERGE_FIELDS.map((f) => f.key);
const WINDOW_FIELDS = ["case.windowStart", "case.windowEnd", "case.target"] as const satisfies readonly MergeFieldKey[];
const MEETING = ["meeting.date", "meeting.time", "meeting.place"] as const satisfies readonly MergeFieldKey[];
const TERM = [
  "figures.termPeriod",
  "figures.termAttendancePct",
  "figures.termUnauthorisedSessions",
] as const satisfies readonly MergeFieldKey[];

/**
 * The merge fields each kind of letter can know. An invitation is sent before any window, so it knows no window
 * and is the only kind with a meeting; a warning starts the window, so it knows the window's dates and target; the
 * review and final warning quote the window so far, so they have no term figures.
 */
export const KIND_FIELDS: Record<LetterKind, readonly MergeFieldKey[]> = {
  meeting_invitation: ALL_FIELDS.filter((k) => !(WINDOW_FIELDS as readonly string[]).includes(k)),
  warning: ALL_FIELDS.filter((k) => !(MEETING as readonly string[]).includes(k)),
  review: ALL_FIELDS.filter(
    (k) => !(MEETING as readonly string[]).includes(k) && !(TERM as readonly string[]).includes(k),
  ),
  final_warning: ALL_FIELDS.filter(
    (k) => !(MEETING as readonly string[]).includes(k) && !(TERM as readonly string[]).includes(k),
  ),
};

const DESCRIPTION = new Map<string, string>(MERGE_FIELDS.map((f) => [f.key, f.description]));

/** Known fields a template of this kind uses but the kind cannot know, each named in words with its line. */
export function kindFieldProblems(
  kind: LetterKind,
  template: { subject: string; body: string },
): { field: "subject" | "body"; message: string }[] {
  const allowed = new Set<string>(KIND_FIELDS[kind]);
  const problems: { field: "subject" | "body"; message: string }[] = [];
  const check = (field: "subject" | "body", text: string) => {
    for (const use of mergeFieldsIn(text.replace(/\r\n?/g, "\n"))) {
      if (!DESCRIPTION.has(use.key) || allowed.has(use.key)) continue;
      const where = field === "subject" ? "in the subject" : `on line ${use.line}`;
      problems.push({
        field,
        message: `{{${use.key}}} ${where} cannot be used in this kind of letter: ${KIND_FIELD_REASON[kind](use.key)}`,
      });
    }
  };
  check("subject", template.subject);
  check("body", template.body);
  return problems;
}

const KIND_FIELD_REASON: Record<LetterKind, (key: string) => string> = {
  meeting_invitation: () =>
    "an invitation is sent before the Fast Track window starts, so it has no window dates or target",
  warning: () => "only an invitation has a meeting's date, time and place",
  review: (key) =>
    key.startsWith("meeting.")
      ? "only an invitation has a meeting's date, time and place"
      : "a review quotes the window so far, not the term",
  final_warning: (key) =>
    key.startsWith("meeting.")
      ? "only an invitation has a meeting's date, time and place"
      : "a final warning quotes the window so far, not the term",
};

/** A merge field in words, for messages to people producing letters (never the {{token}} itself). */
export function fieldInWords(key: MergeFieldKey): string {
  const d = DESCRIPTION.get(key) ?? key;
  return d.charAt(0).toLowerCase() + d.slice(1);
}
