import "server-only";
import type pg from "pg";
import { today } from "@/lib/env";
import { ForbiddenError } from "../errors";

/** At most this many refused pupils are named in the message; the rest are counted. */
const NAMED = 20;

/**
 * Which pupils of a Common Transfer File school staff may create or update. A school's file may touch only:
 * - pupils on roll at the uploader's school today, or
 * - new admissions to it: the file places the pupil at the uploader's school (marks there) and the pupil has no
 *   enrolment current today at any other school of the authority (a pupil new to the authority qualifies).
 * Anything else would let one school rename another school's pupil, enrol them and rewrite their parents'
 * contact details (the review's CTF takeover), so any other pupil refuses the whole file with ForbiddenError
 * (403 through the API) naming each such pupil's UPN and XML line.
 *
 * Runs on the CTF importer's stage tables (ctf_pupil with pupil_id resolved, ctf_enrol) before anything is
 * written. Officers, managers and the command line are not limited by it (ownSchoolId null).
 */
export async function refuseOtherSchoolsPupils(
  client: pg.PoolClient,
  ctx: { authorityId: string; ownSchoolId: string | null; ownSchoolName: string },
): Promise<void> {
  if (!ctx.ownSchoolId) return;
  // The file's recorded pupils' enrolments current today are read first, on their own: Citus cannot correlate a
  // temporary table's rows with a distributed table's, and one statement doing both crashed Citus 13.2.2 (ADR 071).
  await client.query(
    `CREATE TEMP TABLE ctf_current_enrolment ON COMMIT DROP AS
     SELECT x.pupil_id, x.school_id FROM enrolment x
     WHERE x.authority_id = $1 AND x.pupil_id IN (SELECT pupil_id FROM ctf_pupil WHERE pupil_id IS NOT NULL)
       AND x.start_date <= $2::date AND (x.end_date IS NULL OR x.end_date >= $2::date)`,
    [ctx.authorityId, today()],
  );
  const { rows } = await client.query<{ line: number; upn: string; total: string }>(
    `WITH refused AS (
       SELECT c.line, c.upn FROM ctf_pupil c
       WHERE NOT c.excluded
         AND NOT EXISTS (SELECT 1 FROM ctf_current_enrolment x WHERE x.pupil_id = c.pupil_id AND x.school_id = $1)
         AND NOT (
           EXISTS (SELECT 1 FROM ctf_enrol e WHERE e.pupil_no = c.pupil_no AND e.school_id = $1)
           AND NOT EXISTS (SELECT 1 FROM ctf_current_enrolment x WHERE x.pupil_id = c.pupil_id AND x.school_id <> $1)
         )
     )
     SELECT line, upn, count(*) OVER () AS total FROM refused ORDER BY line LIMIT $2`,
    [ctx.ownSchoolId, NAMED],
  );
  await client.query("DROP TABLE ctf_current_enrolment");
  if (rows.length === 0) return;
  const total = Number(rows[0]!.total);
  const named = rows.map((r) => `UPN ${r.upn} at line ${r.line}`).join("; ");
  const more = total > rows.length ? `; and ${total - rows.length} more` : "";
  throw new ForbiddenError(
    `Nothing was imported. School staff can import only pupils on roll at ${ctx.ownSchoolName}, or new admissions to it who are not on roll at another school. This file also names: ${named}${more}.`,
  );
}
