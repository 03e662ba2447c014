// Letters to parents/carers (issue 4 §6): the four kinds, the merge fields a template may use, the validation
// that names an unknown field and its line, the merge itself, and the built-in texts that apply until an
// authority writes its own. Pure: the server supplies the values.
import type { FieldProblem } from "./problems";

export const LETTER_KINDS = ["meeting_invitation", "warning", "review", "final_warning"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  meeting_invitation: "Invitation to a meeting",
  warning: "Warning letter (starts the Fast Track window)",
  review: "Review letter",
  final_warning: "Final warning before the decision",
};

export function isLetterKind(value: string): value is LetterKind {
  return (LETTER_KINDS as readonly string[]).includes(value);
}

/** Letter kinds in URLs use hyphens: /admin/letters/meeting-invitation. */
export const letterKindSlug = (kind: LetterKind) => kind.replace(/_/g, "-");
export function letterKindFromSlug(slug: string): LetterKind | null {
  const kind = slug.replace(/-/g, "_");
  return isLetterKind(kind) ? kind : null;
}

export const MERGE_FIELDS = [
  { key: "parent.name", description: "The parent's or carer's full name, with their title (Ms Jane Smith)" },
  {
    key: "parent.salutation",
    description: "How to greet them: title and surname (Ms Smith), or full name without a title",
  },
  { key: "parent.address", description: "Their postal address, one part per line" },
  { key: "pupil.name", description: "The pupil's full name" },
  { key: "pupil.firstName", description: "The pupil's first name" },
  { key: "pupil.dateOfBirth", description: "The pupil's date of birth (3 March 2014)" },
  { key: "school.name", description: "The school the pupil attends" },
  { key: "authority.name", description: "Your council's name" },
  { key: "case.reference", description: "The case reference, for replies" },
  { key: "case.openedOn", description: "The date the case opened" },
  { key: "case.windowStart", description: "The first day of the Fast Track window" },
  { key: "case.windowEnd", description: "The last day of the Fast Track window (from the term calendar)" },
  { key: "case.target", description: "The attendance target for the window, in words" },
  { key: "letter.date", description: "The date the letter is sent" },
  {
    key: "figures.period",
    description:
      "The period the figures cover: the last school weeks before the letter (invitation and warning), or the Fast Track window so far (review and final warning)",
  },
  { key: "figures.attendancePct", description: "Attendance over that period, as a percentage (84.2%)" },
  { key: "figures.unauthorisedSessions", description: "Unauthorised absences over that period, in sessions" },
  { key: "figures.possibleSessions", description: "The sessions the pupil could have attended over that period" },
  {
    key: "figures.unauthorisedDates",
    description: "The dates of those unauthorised absences (Monday 2 November 2026 (morning), …)",
  },
  {
    key: "figures.termPeriod",
    description: "This term to the day before the letter (invitation and warning only)",
  },
  { key: "figures.termAttendancePct", description: "Attendance this term to date, as a percentage" },
  { key: "figures.termUnauthorisedSessions", description: "Unauthorised absences this term to date, in sessions" },
  { key: "officer.name", description: "The officer assigned to the case" },
  { key: "officer.email", description: "The assigned officer's email address" },
  { key: "meeting.date", description: "The meeting date (entered when the letter is produced)" },
  { key: "meeting.time", description: "The meeting time (entered when the letter is produced)" },
  { key: "meeting.place", description: "Where the meeting is (entered when the letter is produced)" },
] as const;
export type MergeFieldKey = (typeof MERGE_FIELDS)[number]["key"];

const FIELD_KEYS: ReadonlySet<string> = new Set(MERGE_FIELDS.map((f) => f.key));
export const isMergeField = (key: string): key is MergeFieldKey => FIELD_KEYS.has(key);

/** The fields the person producing a letter types in, rather than the case supplying them. */
export const MEETING_FIELDS = [
  "meeting.date",
  "meeting.time",
  "meeting.place",
] as const satisfies readonly MergeFieldKey[];

/** Values to merge. A key absent means "not available for this case" (no window yet, no meeting given); an
 * empty string means "known to be blank" (a parent with no address on file). */
export type MergeValues = Partial<Record<MergeFieldKey, string>>;

export const SUBJECT_MAX = 200;
export const BODY_MAX = 20_000;

const TOKEN = /\{\{([^{}]*)\}\}/g;

export type FieldUse = { key: string; line: number };

/** Every {{…}} in the text, with its 1-based line, trimmed of inner spaces ({{ pupil.name }} is pupil.name). */
export function mergeFieldsIn(text: string): FieldUse[] {
  const uses: FieldUse[] = [];
  text.split("\n").forEach((lineText, index) => {
    for (const match of lineText.matchAll(TOKEN)) uses.push({ key: (match[1] ?? "").trim(), line: index + 1 });
  });
  return uses;
}

/** Problems with the merge fields of one text: unknown fields (with a likely intended one), and braces that do
 * not make a field. `where` says where the text is ("on line 3", or "in the subject"). */
function fieldProblems(text: string, field: string, where: (line: number) => string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  text.split("\n").forEach((lineText, index) => {
    const at = where(index + 1);
    for (const match of lineText.matchAll(TOKEN)) {
      const key = (match[1] ?? "").trim();
      if (key === "") {
        problems.push({
          field,
          message: `Empty merge field {{}} ${at}: put a field name between the braces, like {{pupil.name}}`,
        });
      } else if (!isMergeField(key)) {
        const guess = closestField(key);
        problems.push({
          field,
          message: `Unknown merge field {{${key}}} ${at}${guess ? `. Did you mean {{${guess}}}?` : ""}`,
        });
      }
    }
    const rest = lineText.replace(TOKEN, "");
    if (rest.includes("{{") || rest.includes("}}")) {
      problems.push({
        field,
        message: `Unmatched braces ${at}: a merge field is written {{name}}, with two braces each side on one line`,
      });
    }
  });
  return problems;
}

/** Checks a template's subject and body; every problem names the field, and for the body the line. */
export function validateTemplate(template: { subject: string; body: string }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const subject = template.subject.trim();
  const body = template.body.replace(/\r\n?/g, "\n");
  if (subject === "") problems.push({ field: "subject", message: "Enter the subject" });
  else if (subject.length > SUBJECT_MAX)
    problems.push({ field: "subject", message: `The subject must be ${SUBJECT_MAX} characters or fewer` });
  else if (subject.includes("\n")) problems.push({ field: "subject", message: "The subject must be one line" });
  else problems.push(...fieldProblems(subject, "subject", () => "in the subject"));
  if (body.trim() === "") problems.push({ field: "body", message: "Enter the letter text" });
  else if (body.length > BODY_MAX)
    problems.push({
      field: "body",
      message: `The letter text must be ${BODY_MAX.toLocaleString("en-GB")} characters or fewer`,
    });
  else problems.push(...fieldProblems(body, "body", (line) => `on line ${line}`));
  return problems;
}

/** The known fields a template uses that have no value for this letter, in first-use order. */
export function missingFields(template: { subject: string; body: string }, values: MergeValues): MergeFieldKey[] {
  const missing: MergeFieldKey[] = [];
  for (const { key } of [...mergeFieldsIn(template.subject), ...mergeFieldsIn(template.body)]) {
    if (isMergeField(key) && values[key] === undefined && !missing.includes(key)) missing.push(key);
  }
  return missing;
}

/** Fills in the merge fields. Call it on a valid template (validateTemplate) with every used value present
 * (missingFields); anything else is a programming error and throws rather than sending a letter with a gap. */
export function mergeTemplate(text: string, values: MergeValues): string {
  return text.replace(/\r\n?/g, "\n").replace(TOKEN, (_token, inner: string) => {
    const key = inner.trim();
    if (!isMergeField(key)) throw new Error(`Unknown merge field {{${key}}}`);
    const value = values[key];
    if (value === undefined) throw new Error(`No value for merge field {{${key}}}`);
    return value;
  });
}

/** A postal address, one part per line, skipping the blank parts. */
export function formatAddress(parts: (string | null | undefined)[]): string {
  return parts
    .map((p) => p?.trim() ?? "")
    .filter((p) => p !== "")
    .join("\n");
}

/** "Ms Jane Smith" / "Ms Smith"; without a title, the full name both times. */
export function parentNames(parent: { title?: string | null; firstName: string; lastName: string }) {
  const title = parent.title?.trim();
  const full = `${parent.firstName} ${parent.lastName}`.trim();
  return { name: title ? `${title} ${full}` : full, salutation: title ? `${title} ${parent.lastName}` : full };
}

/** The window's target in words, as the letter states it. */
export function describeTarget(target: {
  minAttendancePct: number | null;
  maxUnauthorisedSessions: number | null;
}): string {
  const parts: string[] = [];
  if (target.minAttendancePct !== null) parts.push(`attendance of at least ${target.minAttendancePct}%`);
  if (target.maxUnauthorisedSessions !== null) {
    const n = target.maxUnauthorisedSessions;
    parts.push(`no more than ${n} unauthorised ${n === 1 ? "session" : "sessions"} of absence`);
  }
  return parts.join(" and ");
}

/** The sample values the template preview uses. */
export const SAMPLE_VALUES: Required<MergeValues> = {
  "parent.name": "Ms Jane Sample",
  "parent.salutation": "Ms Sample",
  "parent.address": "12 Example Street\nDarlington\nDL1 1AA",
  "pupil.name": "Alex Sample",
  "pupil.firstName": "Alex",
  "pupil.dateOfBirth": "3 March 2014",
  "school.name": "Example Primary School",
  "authority.name": "Example Council",
  "case.reference": "FT-1A2B3C4D",
  "case.openedOn": "2 November 2026",
  "case.windowStart": "9 November 2026",
  "case.windowEnd": "19 February 2027",
  "case.target": "attendance of at least 90%",
  "letter.date": "20 November 2026",
  "figures.period": "12 October 2026 to 19 November 2026",
  "figures.attendancePct": "84.2%",
  "figures.unauthorisedSessions": "9",
  "figures.possibleSessions": "50",
  "figures.unauthorisedDates":
    "Monday 12 October 2026 (morning and afternoon), Friday 16 October 2026 (morning and afternoon), Monday 2 November 2026 (morning and afternoon), Friday 13 November 2026 (afternoon), Monday 16 November 2026 (morning and afternoon)",
  "figures.termPeriod": "2 November 2026 to 19 November 2026",
  "figures.termAttendancePct": "82.1%",
  "figures.termUnauthorisedSessions": "5",
  "officer.name": "Sam Officer",
  "officer.email": "sam.officer@example.gov.uk",
  "meeting.date": "27 November 2026",
  "meeting.time": "10:00am",
  "meeting.place": "Town Hall, Feethams, Darlington",
};

const SIGN_OFF = `Yours sincerely

{{officer.name}}
Attendance Officer, {{authority.name}}
{{officer.email}}`;

const HEADER = `{{parent.name}}
{{parent.address}}

{{letter.date}}

Our reference: {{case.reference}}

Dear {{parent.salutation}}`;

/** The built-in texts each kind uses until an authority saves its own. Plain English; the warning letters
 * name the offence under section 444 of the Education Act 1996 and say what happens next. */
export const DEFAULT_TEMPLATES: Record<LetterKind, { subject: string; body: string }> = {
  meeting_invitation: {
    subject: "Invitation to a meeting about {{pupil.name}}'s attendance at school",
    body: `${HEADER}

{{pupil.name}} (date of birth {{pupil.dateOfBirth}}) attends {{school.name}}. From {{figures.period}}, {{pupil.firstName}}'s attendance was {{figures.attendancePct}}, with {{figures.unauthorisedSessions}} sessions of unauthorised absence out of {{figures.possibleSessions}} possible sessions. Each school day has two sessions, a morning and an afternoon. The unauthorised absences were on: {{figures.unauthorisedDates}}.

This term so far ({{figures.termPeriod}}), {{pupil.firstName}}'s attendance was {{figures.termAttendancePct}}, with {{figures.termUnauthorisedSessions}} sessions of unauthorised absence.

We would like to meet you to talk about why {{pupil.firstName}} has been missing school and what help your family may need to improve attendance. The meeting is:

Date: {{meeting.date}}
Time: {{meeting.time}}
Place: {{meeting.place}}

Please come to this meeting. If you cannot come at this time, contact me as soon as possible so that we can arrange another time. You may bring a friend or someone to support you.

As a parent, you have a legal duty to make sure your child receives a suitable full-time education. We want to work with you and the school to help {{pupil.firstName}} attend regularly.

${SIGN_OFF}`,
  },
  warning: {
    subject: "Formal warning: {{pupil.name}}'s attendance at school",
    body: `${HEADER}

I am writing about the attendance of {{pupil.name}} (date of birth {{pupil.dateOfBirth}}) at {{school.name}}. From {{figures.period}}, {{pupil.firstName}}'s attendance was {{figures.attendancePct}}, with {{figures.unauthorisedSessions}} sessions of unauthorised absence out of {{figures.possibleSessions}} possible sessions. Each school day has two sessions, a morning and an afternoon. The unauthorised absences were on: {{figures.unauthorisedDates}}.

This term so far ({{figures.termPeriod}}), {{pupil.firstName}}'s attendance was {{figures.termAttendancePct}}, with {{figures.termUnauthorisedSessions}} sessions of unauthorised absence.

Under section 444 of the Education Act 1996, a parent commits an offence if their child, who is registered at a school, fails to attend regularly. This letter is a formal warning.

From {{case.windowStart}} to {{case.windowEnd}} we will monitor {{pupil.firstName}}'s attendance closely. This period counts school weeks only; school holidays do not count. During it we expect {{case.target}}.

We will review progress with you and the school during this period. If {{pupil.firstName}}'s attendance does not improve enough by {{case.windowEnd}}, the council may take legal action. This may mean a prosecution in the magistrates' court, where you could be fined.

We want to help. If there is a reason {{pupil.firstName}} is finding it hard to attend school, including illness, bullying or problems at home, please contact me as soon as possible so that we can arrange support.

${SIGN_OFF}`,
  },
  review: {
    subject: "Review of {{pupil.name}}'s attendance",
    body: `${HEADER}

I am writing to review {{pupil.name}}'s attendance at {{school.name}} since our warning letter. The monitoring period runs from {{case.windowStart}} to {{case.windowEnd}}, and we expect {{case.target}}.

From {{figures.period}}, {{pupil.firstName}}'s attendance was {{figures.attendancePct}}, with {{figures.unauthorisedSessions}} sessions of unauthorised absence out of {{figures.possibleSessions}} possible sessions.

Please keep working with the school to make sure {{pupil.firstName}} attends every day. If there is anything making this difficult, please contact me so that we can talk about what support may help.

${SIGN_OFF}`,
  },
  final_warning: {
    subject: "Final warning: {{pupil.name}}'s attendance at school",
    body: `${HEADER}

This is a final warning about the attendance of {{pupil.name}} (date of birth {{pupil.dateOfBirth}}) at {{school.name}}.

The monitoring period that started on {{case.windowStart}} ends on {{case.windowEnd}}. We expected {{case.target}}. From {{figures.period}}, {{pupil.firstName}}'s attendance was {{figures.attendancePct}}, with {{figures.unauthorisedSessions}} sessions of unauthorised absence.

Under section 444 of the Education Act 1996, a parent commits an offence if their child, who is registered at a school, fails to attend regularly. When the monitoring period ends, the council will decide whether to take legal action against you. This may mean a prosecution in the magistrates' court, where you could be fined.

If there is any reason for {{pupil.firstName}}'s absence that we do not know about, or you need help, contact me before {{case.windowEnd}}.

${SIGN_OFF}`,
  },
};

/** The distance between two field names, for "did you mean". */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function closestField(key: string): MergeFieldKey | null {
  let best: { key: MergeFieldKey; distance: number } | null = null;
  for (const field of MERGE_FIELDS) {
    const distance = editDistance(key.toLowerCase(), field.key.toLowerCase());
    if (!best || distance < best.distance) best = { key: field.key, distance };
  }
  return best && best.distance <= 3 ? best.key : null;
}
