// The national attendance codes and the statistical category of each (shared/domain.md §2).
// Two sets: the 2006 Regulations' codes, in use until 18 August 2024, and the 2024 Regulations' codes, from
// 19 August 2024. The category of a mark is decided by the set in force on the mark's date; a code that does
// not exist on that date is an error.

export const CATEGORIES = ["present", "approved_activity", "authorised", "unauthorised", "not_possible"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  present: "Present",
  approved_activity: "Approved educational activity",
  authorised: "Authorised absence",
  unauthorised: "Unauthorised absence",
  not_possible: "Not a possible session",
};

export type CodeSetId = "2006" | "2024";
export type AttendanceCode = { code: string; meaning: string; category: Category };

/** The first day of the 2024 set (School Attendance (Pupil Registration) (England) Regulations 2024). */
export const SET_2024_FROM = "2024-08-19";

const P = "present",
  AEA = "approved_activity",
  A = "authorised",
  U = "unauthorised",
  NC = "not_possible";

const SET_2006: AttendanceCode[] = [
  { code: "/", meaning: "Present (AM)", category: P },
  { code: "\\", meaning: "Present (PM)", category: P },
  { code: "L", meaning: "Late, arrived before the register closed", category: P },
  { code: "U", meaning: "Late, arrived after the register closed", category: U },
  { code: "B", meaning: "Educated off site (not dual registration)", category: AEA },
  { code: "D", meaning: "Dual registered, attending another establishment", category: NC },
  {
    code: "J",
    meaning: "At an interview with prospective employers or another educational establishment",
    category: AEA,
  },
  { code: "P", meaning: "Approved sporting activity", category: AEA },
  { code: "V", meaning: "Educational visit or trip", category: AEA },
  { code: "W", meaning: "Work experience", category: AEA },
  { code: "C", meaning: "Other authorised circumstances", category: A },
  { code: "E", meaning: "Excluded, no alternative provision made", category: A },
  // F's withdrawal date is not confirmed (shared/domain.md §2.1); it is accepted for the whole 2006 set.
  { code: "F", meaning: "Agreed extended family holiday", category: A },
  { code: "G", meaning: "Family holiday not agreed, or days in excess of the agreement", category: U },
  { code: "H", meaning: "Agreed family holiday", category: A },
  { code: "I", meaning: "Illness (not medical or dental appointments)", category: A },
  { code: "M", meaning: "Medical or dental appointment", category: A },
  { code: "N", meaning: "No reason yet provided for absence", category: U },
  { code: "O", meaning: "Unauthorised absence not covered by any other code", category: U },
  { code: "R", meaning: "Religious observance", category: A },
  { code: "S", meaning: "Study leave", category: A },
  { code: "T", meaning: "Traveller absence", category: A },
  { code: "X", meaning: "Non-compulsory school age absence", category: NC },
  { code: "Y", meaning: "Unable to attend due to exceptional circumstances", category: NC },
  { code: "Z", meaning: "Pupil not on roll", category: NC },
  { code: "#", meaning: "Planned whole or partial school closure", category: NC },
];

const SET_2024: AttendanceCode[] = [
  { code: "/", meaning: "Present at the start of morning registration", category: P },
  { code: "\\", meaning: "Present at the start of afternoon registration", category: P },
  { code: "L", meaning: "Arrived after registration began, before it closed", category: P },
  { code: "K", meaning: "Attending education provision arranged by the local authority", category: AEA },
  { code: "V", meaning: "Attending an educational visit or trip", category: AEA },
  { code: "P", meaning: "Participating in a supervised sporting activity", category: AEA },
  { code: "W", meaning: "Attending work experience", category: AEA },
  { code: "B", meaning: "Attending any other approved educational activity", category: AEA },
  { code: "D", meaning: "Dual registered, attending another school", category: NC },
  { code: "C1", meaning: "Leave: regulated performance or regulated employment abroad", category: A },
  { code: "M", meaning: "Leave: medical or dental appointment", category: A },
  { code: "J1", meaning: "Leave: interview for employment or admission to another institution", category: A },
  { code: "S", meaning: "Leave: study leave", category: A },
  { code: "X", meaning: "Non-compulsory school age pupil not required to attend", category: NC },
  { code: "C2", meaning: "Leave: part-time timetable", category: A },
  { code: "C", meaning: "Leave: exceptional circumstances", category: A },
  { code: "T", meaning: "Parent travelling for occupational purposes", category: A },
  { code: "R", meaning: "Religious observance", category: A },
  { code: "I", meaning: "Illness", category: A },
  { code: "E", meaning: "Suspended or excluded, no alternative provision made", category: A },
  { code: "Q", meaning: "Unable to attend: lack of access arrangements", category: NC },
  { code: "Y1", meaning: "Unable to attend: transport not available", category: NC },
  { code: "Y2", meaning: "Unable to attend: widespread travel disruption", category: NC },
  { code: "Y3", meaning: "Unable to attend: part of the school premises closed", category: NC },
  { code: "Y4", meaning: "Unable to attend: whole school site unexpectedly closed", category: NC },
  { code: "Y5", meaning: "Unable to attend: criminal justice detention", category: NC },
  { code: "Y6", meaning: "Unable to attend: public health guidance or law", category: NC },
  { code: "Y7", meaning: "Unable to attend: any other unavoidable cause", category: NC },
  { code: "G", meaning: "Holiday not granted by the school", category: U },
  { code: "N", meaning: "Reason for absence not yet established", category: U },
  { code: "O", meaning: "Absent in other or unknown circumstances", category: U },
  { code: "U", meaning: "Arrived in school after registration closed", category: U },
  { code: "Z", meaning: "Prospective pupil not on admission register", category: NC },
  { code: "#", meaning: "Planned whole or partial school closure", category: NC },
];

export const CODE_SETS: Record<CodeSetId, AttendanceCode[]> = { "2006": SET_2006, "2024": SET_2024 };
const INDEX: Record<CodeSetId, Map<string, AttendanceCode>> = {
  "2006": new Map(SET_2006.map((c) => [c.code, c])),
  "2024": new Map(SET_2024.map((c) => [c.code, c])),
};

/** A code with its number in the register store: both sets numbered from 1 in the order above, the 2006 set first
 * (1–26, then 27–60). The attendance_code table and the SQL functions of the store hold the same numbering (a test
 * keeps them identical), so a mark is stored as two bytes. */
export type NumberedCode = AttendanceCode & { id: number; codeSet: CodeSetId };

export const NUMBERED_CODES: readonly NumberedCode[] = [
  ...SET_2006.map((c, i) => ({ ...c, id: i + 1, codeSet: "2006" as const })),
  ...SET_2024.map((c, i) => ({ ...c, id: SET_2006.length + i + 1, codeSet: "2024" as const })),
];
const BY_ID: readonly (NumberedCode | undefined)[] = [undefined, ...NUMBERED_CODES];
const ID_INDEX: Record<CodeSetId, Map<string, number>> = {
  "2006": new Map(NUMBERED_CODES.filter((c) => c.codeSet === "2006").map((c) => [c.code, c.id])),
  "2024": new Map(NUMBERED_CODES.filter((c) => c.codeSet === "2024").map((c) => [c.code, c.id])),
};

/** The store's number for `code` as in force on `date`; undefined when that code does not exist on that date. */
export function codeIdOn(code: string, date: string): number | undefined {
  return ID_INDEX[codeSetOn(date)].get(code);
}

/** The code a store number stands for. */
export function codeById(id: number): NumberedCode | undefined {
  return BY_ID[id];
}

/** The national threshold at which a penalty notice must be considered: 10 sessions of G, N, O or U within a
 * rolling 10 school weeks (shared/domain.md §0.6, 2024 National Framework). */
export const PENALTY_NOTICE_THRESHOLD = { sessions: 10, schoolWeeks: 10 } as const;

/** Codes that count towards the penalty-notice threshold (shared/domain.md §2.2). */
export const PENALTY_NOTICE_CODES = ["G", "N", "O", "U"] as const;

export function codeSetOn(date: string): CodeSetId {
  return date >= SET_2024_FROM ? "2024" : "2006";
}

/** The code as in force on `date`, or undefined when that code does not exist on that date. */
export function lookupCode(code: string, date: string): AttendanceCode | undefined {
  return INDEX[codeSetOn(date)].get(code);
}

export function categoryOf(code: string, date: string): Category | undefined {
  return lookupCode(code, date)?.category;
}

export function countsTowardsPenaltyNotice(code: string): boolean {
  return (PENALTY_NOTICE_CODES as readonly string[]).includes(code);
}
