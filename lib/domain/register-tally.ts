// The summaries of a year of register marks, counted as the marks are read: per school and day, per pupil, school
// and week, and per pupil, school and year with the most G/N/O/U sessions in any 10 consecutive school weeks. The
// register store uses it for a first load into a year that has no marks yet (ADR 050): the marks go straight into
// a new table, and the summaries come from here instead of from a second pass over them. The same figures come
// from the store's SQL for every other load; an integration test holds the two equal.
//
// Pure and allocation-light: a year of a large authority is about 90 million marks, so counts live in typed arrays
// indexed by a slot per (pupil, school), with a bit per session to find a mark given twice.
import { codeById, PENALTY_NOTICE_THRESHOLD } from "./attendance-codes";
import { addDays } from "./dates";

/** Category numbers used inside the tally: present, approved activity, authorised, unauthorised, not possible. */
const CATEGORY_INDEX = { present: 0, approved_activity: 1, authorised: 2, unauthorised: 3, not_possible: 4 } as const;
const CATEGORY_OF_CODE = new Uint8Array(64).fill(255);
const PENALTY_CODE = new Uint8Array(64);
for (let id = 1; id < 64; id++) {
  const code = codeById(id);
  if (!code) continue;
  CATEGORY_OF_CODE[id] = CATEGORY_INDEX[code.category];
  PENALTY_CODE[id] = ["G", "N", "O", "U"].includes(code.code) ? 1 : 0;
}

const DAYS = 366;
const WEEKS = 54;
/** Per week: marks (every code), present, approved activity, authorised, unauthorised, G/N/O/U. */
const WEEK_FIELDS = 6;
/** Per school and day: marks, present, approved activity, authorised, unauthorised. */
const DAY_FIELDS = 5;
const BITSET_BYTES = Math.ceil((DAYS * 2) / 8);

/** Days from 1970-01-01 to an ISO date (UTC arithmetic, no time zone). */
export function epochDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

export type WeekCounts = {
  possible: number;
  present: number;
  approvedActivity: number;
  authorised: number;
  unauthorised: number;
  penaltyUnauthorised: number;
};
export type SchoolDayRow = Omit<WeekCounts, "penaltyUnauthorised"> & { schoolKey: number; date: string };
export type PupilWeekRow = WeekCounts & { pupilKey: number; schoolKey: number; weekStart: string };
export type PupilYearRow = Omit<WeekCounts, "penaltyUnauthorised"> & {
  pupilKey: number;
  schoolKey: number;
  maxPenalty10Weeks: number | null;
  thresholdWeekStart: string | null;
};

/**
 * The most G/N/O/U sessions in any run of `span` consecutive school weeks, over a pupil's weeks with marks that
 * are school weeks (ordinals from the calendar), and the first week at which the run reached `threshold`. Weeks
 * are given in any order; a week's run is itself and the school weeks up to span − 1 before it.
 */
export function rollingPenalty(
  weeks: readonly { ordinal: number; weekStart: string; penalty: number }[],
  span: number = PENALTY_NOTICE_THRESHOLD.schoolWeeks,
  threshold: number = PENALTY_NOTICE_THRESHOLD.sessions,
): { max: number | null; thresholdWeek: string | null } {
  const sorted = [...weeks].sort((a, b) => a.ordinal - b.ordinal);
  let max: number | null = null;
  let thresholdWeek: string | null = null;
  let start = 0;
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    total += sorted[i]!.penalty;
    while (sorted[start]!.ordinal < sorted[i]!.ordinal - (span - 1)) total -= sorted[start++]!.penalty;
    if (max === null || total > max) max = total;
    if (total >= threshold && (thresholdWeek === null || sorted[i]!.weekStart < thresholdWeek))
      thresholdWeek = sorted[i]!.weekStart;
  }
  return { max, thresholdWeek };
}

/**
 * Counts one academic year's marks (1 September `year` to 31 August the year after) for one authority. Only marks
 * in the weeks that lie wholly inside the year are counted ("core" weeks: Monday on or after 1 September, Sunday on
 * or before 31 August); `add` reports a mark outside them as not counted, and the caller summarises it the way it
 * summarises any other change, since its week may also hold another year's marks.
 */
export class YearTally {
  readonly firstDay: number;
  /** The week index (from the Monday on or before 1 September) of the first and last core weeks. */
  private readonly firstWeek: number;
  private readonly lastWeek: number;
  private readonly offset: number;
  /** The index of 31 August, the year's last day (364 or 365). */
  private readonly lastDay: number;
  private slots = new Map<number, number>();
  private lastSlotKey = -1;
  private lastSlot = -1;
  private slotCount = 0;
  private slotPupil = new Int32Array(1024);
  private slotSchool = new Int32Array(1024);
  private bits = new Uint8Array(1024 * BITSET_BYTES);
  private weeks = new Uint8Array(1024 * WEEKS * WEEK_FIELDS);
  private readonly schoolDays: Uint32Array;
  private readonly schoolKeys: Int32Array;

  /** `schoolKeys[i]` is the store key of school index i (the caller's dense numbering). */
  constructor(
    readonly year: number,
    schoolKeys: readonly number[],
  ) {
    this.firstDay = epochDay(`${year}-09-01`);
    // 1970-01-01 was a Thursday: (epochDay + 3) % 7 is 0 on a Monday.
    this.offset = (this.firstDay + 3) % 7;
    this.firstWeek = this.offset === 0 ? 0 : 1;
    this.lastDay = epochDay(`${year + 1}-08-31`) - this.firstDay;
    this.lastWeek = Math.floor((this.lastDay + this.offset + 1) / 7) - 1;
    this.schoolKeys = Int32Array.from(schoolKeys);
    this.schoolDays = new Uint32Array(schoolKeys.length * DAYS * DAY_FIELDS);
  }

  /**
   * Adds one mark: `pupilIndex` and `schoolIndex` are dense numbers (the caller's), `day` is epochDay of its date,
   * which must be in the year. Returns "counted"; "outside" (not in a core week: the mark is new, but the caller
   * summarises it elsewhere); or "duplicate" (the same pupil, school, day and session was added before).
   */
  add(pupilIndex: number, pupilKey: number, schoolIndex: number, day: number, session: number, codeId: number) {
    const d = day - this.firstDay;
    if (d < 0 || d > this.lastDay) throw new RangeError(`Day ${day} is not in the year ${this.year}`);
    const slot = this.slotFor(pupilIndex * 65536 + schoolIndex, pupilKey, this.schoolKeys[schoolIndex]!);
    const bit = d * 2 + session;
    const at = slot * BITSET_BYTES + (bit >> 3);
    const mask = 1 << (bit & 7);
    if (this.bits[at]! & mask) return "duplicate" as const;
    this.bits[at]! |= mask;
    const week = Math.floor((d + this.offset) / 7);
    if (week < this.firstWeek || week > this.lastWeek) return "outside" as const;
    const category = CATEGORY_OF_CODE[codeId]!;
    const w = (slot * WEEKS + week) * WEEK_FIELDS;
    this.weeks[w]!++;
    if (category < 4) this.weeks[w + 1 + category]!++;
    if (PENALTY_CODE[codeId]) this.weeks[w + 5]!++;
    const s = (schoolIndex * DAYS + d) * DAY_FIELDS;
    this.schoolDays[s]!++;
    if (category < 4) this.schoolDays[s + 1 + category]!++;
    return "counted" as const;
  }

  private slotFor(key: number, pupilKey: number, schoolKey: number): number {
    if (key === this.lastSlotKey) return this.lastSlot;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slotCount++;
      if (slot >= this.slotPupil.length) this.grow();
      this.slotPupil[slot] = pupilKey;
      this.slotSchool[slot] = schoolKey;
      this.slots.set(key, slot);
    }
    this.lastSlotKey = key;
    this.lastSlot = slot;
    return slot;
  }

  private grow(): void {
    const n = this.slotPupil.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.slotPupil = widen(this.slotPupil, n);
    this.slotSchool = widen(this.slotSchool, n);
    this.bits = widen(this.bits, n * BITSET_BYTES);
    this.weeks = widen(this.weeks, n * WEEKS * WEEK_FIELDS);
  }

  private isoDay(d: number): string {
    return new Date((this.firstDay + d) * 86_400_000).toISOString().slice(0, 10);
  }

  private weekStart(week: number): string {
    return this.isoDay(week * 7 - this.offset);
  }

  /** One row per school and day with marks. */
  *schoolDayRows(): Generator<SchoolDayRow> {
    for (let school = 0; school < this.schoolKeys.length; school++) {
      for (let d = 0; d < DAYS; d++) {
        const s = (school * DAYS + d) * DAY_FIELDS;
        if (this.schoolDays[s] === 0) continue;
        const [present, approvedActivity, authorised, unauthorised] = this.schoolDays.subarray(s + 1, s + 5);
        yield {
          schoolKey: this.schoolKeys[school]!,
          date: this.isoDay(d),
          possible: present! + approvedActivity! + authorised! + unauthorised!,
          present: present!,
          approvedActivity: approvedActivity!,
          authorised: authorised!,
          unauthorised: unauthorised!,
        };
      }
    }
  }

  /** One row per pupil, school and week with marks. */
  *pupilWeekRows(): Generator<PupilWeekRow> {
    for (let slot = 0; slot < this.slotCount; slot++) {
      for (let week = this.firstWeek; week <= this.lastWeek; week++) {
        const counts = this.weekCounts(slot, week);
        if (counts) yield { pupilKey: this.slotPupil[slot]!, schoolKey: this.slotSchool[slot]!, ...counts };
      }
    }
  }

  private weekCounts(slot: number, week: number): (WeekCounts & { weekStart: string }) | null {
    const w = (slot * WEEKS + week) * WEEK_FIELDS;
    if (this.weeks[w] === 0) return null;
    const present = this.weeks[w + 1]!;
    const approvedActivity = this.weeks[w + 2]!;
    const authorised = this.weeks[w + 3]!;
    const unauthorised = this.weeks[w + 4]!;
    return {
      weekStart: this.weekStart(week),
      possible: present + approvedActivity + authorised + unauthorised,
      present,
      approvedActivity,
      authorised,
      unauthorised,
      penaltyUnauthorised: this.weeks[w + 5]!,
    };
  }

  /**
   * One row per pupil and school with marks in the year. `ordinals` numbers the authority's school weeks by their
   * Monday; without a calendar for the year (`calendar` false) the rolling figure is null, never guessed.
   */
  *pupilYearRows(ordinals: ReadonlyMap<string, number>, calendar: boolean): Generator<PupilYearRow> {
    for (let slot = 0; slot < this.slotCount; slot++) {
      const row = { possible: 0, present: 0, approvedActivity: 0, authorised: 0, unauthorised: 0 };
      const rolling: { ordinal: number; weekStart: string; penalty: number }[] = [];
      for (let week = this.firstWeek; week <= this.lastWeek; week++) {
        const c = this.weekCounts(slot, week);
        if (!c) continue;
        row.possible += c.possible;
        row.present += c.present;
        row.approvedActivity += c.approvedActivity;
        row.authorised += c.authorised;
        row.unauthorised += c.unauthorised;
        const ordinal = ordinals.get(c.weekStart);
        if (ordinal !== undefined) rolling.push({ ordinal, weekStart: c.weekStart, penalty: c.penaltyUnauthorised });
      }
      const { max, thresholdWeek } = rollingPenalty(rolling);
      yield {
        pupilKey: this.slotPupil[slot]!,
        schoolKey: this.slotSchool[slot]!,
        ...row,
        maxPenalty10Weeks: calendar ? (max ?? 0) : null,
        thresholdWeekStart: thresholdWeek,
      };
    }
  }
}

/** The first date of a week index's Monday, for tests: week 0 is the Monday on or before 1 September. */
export function firstMondayOnOrBefore(year: number): string {
  const first = `${year}-09-01`;
  const back = (epochDay(first) + 3) % 7;
  return addDays(first, -back);
}
