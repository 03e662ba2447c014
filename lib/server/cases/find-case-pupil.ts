import "server-only";
import { cache } from "react";
import { pgPool } from "../pg";

export type CasePupil = { id: string; upn: string; firstName: string; lastName: string };

/**
 * A case's pupil as the case page names it (id, UPN and name), read once per request (React's cache(); outside a
 * render it reads each time): the case page names the pupil in its summary and its penalty notices. Read through
 * pg (ADR 084: Prisma's runtime cost more than the read of one row). The caller has the case in the actor's scope
 * and passes its pupil; the read stays in the case's authority. Throws if the pupil is missing (a case's pupil is a
 * foreign key).
 */
export const findCasePupil = cache(async (authorityId: string, pupilId: string): Promise<CasePupil> => {
  const { rows } = await pgPool().query<CasePupil>(
    `SELECT id, upn, first_name AS "firstName", last_name AS "lastName" FROM pupil
     WHERE authority_id = $1::uuid AND id = $2::uuid`,
    [authorityId, pupilId],
  );
  if (!rows[0]) throw new Error(`The case's pupil ${pupilId} is missing`);
  return rows[0];
});
