import "server-only";
import type pg from "pg";
import { formatUkDate } from "@/lib/domain/dates";

export type RosterSchool = { index: number; id: string; key: number; urn: number; name: string };
type Enrolment = { school: RosterSchool; start: number; end: number | null };
export type RosterPupil = { index: number; key: number; enrolments: Enrolment[] };

/** The authority's schools and pupils as an import checks marks against them: one entry per pupil, not per mark. */
export type Roster = {
  schools: RosterSchool[];
  schoolsByUrn: Map<number, RosterSchool>;
  /** By UPN, and by former UPN where no pupil has it as their UPN. */
  pupils: Map<string, RosterPupil>;
  /** School staff's own school: only its pupils are in `pupils`. */
  ownSchool: RosterSchool | null;
};

/** Loads the roster; for school staff (`ownSchoolId`), only the pupils with an enrolment at their school. */
export async function loadRoster(
  client: pg.PoolClient,
  authorityId: string,
  ownSchoolId: string | null,
): Promise<Roster> {
  const schoolRows = await client.query<{ id: string; store_key: number; urn: number; name: string }>(
    "SELECT id, store_key, urn, name FROM school WHERE authority_id = $1 ORDER BY store_key",
    [authorityId],
  );
  const schools = schoolRows.rows.map((s, index) => ({ index, id: s.id, key: s.store_key, urn: s.urn, name: s.name }));
  const byId = new Map(schools.map((s) => [s.id, s]));
  // One row per enrolment, a pupil's rows together, dates as day numbers and arrays of values rather than objects:
  // at Kent's size (240,000 pupils) this is most of an import's opening.
  const pupilRows = await client.query<[number, string, string | null, string, number, number | null]>({
    text: `SELECT p.store_key, p.upn, p.former_upn, e.school_id::text, e.start_date - DATE '1970-01-01',
              e.end_date - DATE '1970-01-01'
           FROM pupil p JOIN enrolment e ON e.authority_id = p.authority_id AND e.pupil_id = p.id
           WHERE p.authority_id = $1
             AND ($2::uuid IS NULL OR p.id IN (SELECT pupil_id FROM enrolment WHERE authority_id = $1 AND school_id = $2))
           ORDER BY p.id`,
    values: [authorityId, ownSchoolId],
    rowMode: "array",
  });
  const pupils = new Map<string, RosterPupil>();
  const formers: [string, RosterPupil][] = [];
  let pupil: RosterPupil | null = null;
  let count = 0;
  for (const [key, upn, formerUpn, schoolId, start, end] of pupilRows.rows) {
    if (pupil === null || pupil.key !== key) {
      pupil = { index: count++, key, enrolments: [] };
      pupils.set(upn, pupil);
      if (formerUpn) formers.push([formerUpn, pupil]);
    }
    pupil.enrolments.push({ school: byId.get(schoolId)!, start, end });
  }
  for (const [upn, pupil] of formers) if (!pupils.has(upn)) pupils.set(upn, pupil);
  return {
    schools,
    schoolsByUrn: new Map(schools.map((s) => [s.urn, s])),
    pupils,
    ownSchool: ownSchoolId ? (byId.get(ownSchoolId) ?? null) : null,
  };
}

export type Placement = { ok: true; school: RosterSchool } | { ok: false; message: string; forbidden?: boolean };

/** The school a row's school_urn names: unknown, or (school staff) not theirs, is refused. */
export function namedSchool(roster: Roster, urn: number): Placement {
  const school = roster.schoolsByUrn.get(urn);
  if (!school) return { ok: false, message: `Unknown school_urn ${urn}: no school with that URN in this authority` };
  if (roster.ownSchool && school !== roster.ownSchool)
    return { ok: false, forbidden: true, message: `You can only import registers for ${roster.ownSchool.name}` };
  return { ok: true, school };
}

/** The school a mark belongs to: the named school (see namedSchool), or the pupil's one school on that day. */
export function placeMark(
  roster: Roster,
  pupil: RosterPupil,
  day: number,
  date: string,
  named: RosterSchool | null,
): Placement {
  const own = roster.ownSchool;
  const single = pupil.enrolments.length === 1 ? pupil.enrolments[0]! : null;
  // Most pupils have one enrolment and rows name no school: decided without building a list.
  if (single && !named && (!own || single.school === own)) {
    if (single.start <= day && (single.end === null || single.end >= day)) return { ok: true, school: single.school };
    return {
      ok: false,
      message: `Date outside the pupil's enrolment: not on roll at any school on ${formatUkDate(date)}`,
    };
  }
  const onRoll = pupil.enrolments.filter(
    (e) => e.start <= day && (e.end === null || e.end >= day) && (!own || e.school === own),
  );
  if (named) {
    if (!onRoll.some((e) => e.school === named))
      return {
        ok: false,
        message: `Date outside the pupil's enrolment: not on roll at ${named.name} on ${formatUkDate(date)}`,
      };
    return { ok: true, school: named };
  }
  if (onRoll.length === 0)
    return {
      ok: false,
      message: `Date outside the pupil's enrolment: not on roll at any school on ${formatUkDate(date)}`,
    };
  if (onRoll.length > 1)
    return {
      ok: false,
      message: `The pupil is on roll at ${onRoll.length} schools on ${formatUkDate(date)}: add a school_urn column to say which`,
    };
  return { ok: true, school: onRoll[0]!.school };
}
