import "server-only";
import type { Actor } from "../actor";
import { pgPool } from "../pg";
import { pupilInScope } from "./get-pupil-attendance";

export type YearSummary = {
  academicYear: number;
  /** "2023/24" */
  label: string;
  laCode: string;
  estabNumber: string;
  /** The name the file gave, or the school's name in the system; "" when neither is known. */
  schoolName: string;
  /** Set when the LA and establishment are a school of the authority; null for a school outside the system. */
  schoolId: string | null;
  possible: number;
  authorised: number;
  attended: number;
  unauthorised: number;
};

/**
 * A pupil's "earlier years (summary only)": the attendance years a Common Transfer File gave as counts without
 * marks, newest first, for a pupil in the actor's scope (NotFoundError otherwise). Every school's years are
 * returned, school staff included: a CTF carries them to the pupil's new school for exactly this purpose.
 * Not audited here: the page that shows them audits its read of the pupil.
 */
export async function findYearSummaries(actor: Actor, pupilId: string): Promise<YearSummary[]> {
  const pupil = await pupilInScope(actor, { id: pupilId });
  return readYearSummaries(actor.authorityId, pupil.id);
}

/** The same years for a pupil already found in scope, in one query (the pupil's attendance page reads them in its
 * own statement, with YEAR_SUMMARY_COLUMNS and toYearSummary). */
export async function readYearSummaries(authorityId: string, pupilId: string): Promise<YearSummary[]> {
  const { rows } = await pgPool().query<YearSummaryRow>(
    `SELECT ${YEAR_SUMMARY_COLUMNS}
     FROM attendance_year_summary y
     LEFT JOIN school s ON s.authority_id = y.authority_id AND s.id = y.school_id
     WHERE y.authority_id = $1 AND y.pupil_id = $2
     ORDER BY y.academic_year DESC, y.la_code, y.estab_number`,
    [authorityId, pupilId],
  );
  return rows.map(toYearSummary);
}

/** The columns of a year-summary row (`y`, with its school in the system as `s`), for readYearSummaries and for a
 * read that takes the years beside other figures (the pupil's attendance page). */
export const YEAR_SUMMARY_COLUMNS = `y.academic_year, y.la_code, y.estab_number, y.school_name, y.school_id,
  s.name AS system_name, y.sessions_possible AS possible, y.sessions_authorised AS authorised,
  y.sessions_attended AS attended, y.sessions_unauthorised AS unauthorised`;

export type YearSummaryRow = {
  academic_year: number;
  la_code: string;
  estab_number: string;
  school_name: string;
  school_id: string | null;
  system_name: string | null;
  possible: number;
  authorised: number;
  attended: number;
  unauthorised: number;
};

export function toYearSummary(r: YearSummaryRow): YearSummary {
  return {
    academicYear: r.academic_year,
    label: `${r.academic_year}/${String((r.academic_year + 1) % 100).padStart(2, "0")}`,
    laCode: r.la_code,
    estabNumber: r.estab_number,
    schoolName: r.school_name || (r.system_name ?? ""),
    schoolId: r.school_id,
    possible: r.possible,
    authorised: r.authorised,
    attended: r.attended,
    unauthorised: r.unauthorised,
  };
}
