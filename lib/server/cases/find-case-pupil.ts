import "server-only";
import { cache } from "react";
import { db } from "../db";

/**
 * A case's pupil (the whole row), read once per request (React's cache(); outside a render it reads each time): the
 * case page names the pupil in its summary and its penalty notices. The caller has the case in the actor's scope
 * and passes its pupil; the read stays in the case's authority. Throws if the pupil is missing (a case's pupil is
 * a foreign key).
 */
export const findCasePupil = cache(async (authorityId: string, pupilId: string) =>
  db.pupil.findFirstOrThrow({ where: { id: pupilId, authorityId } }),
);
