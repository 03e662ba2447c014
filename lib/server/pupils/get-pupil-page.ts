import "server-only";
import type { Actor } from "../actor";
import { orNotFound } from "../not-found";
import { getPupil } from "./get-pupil";

/** getPupil for pages: out of scope renders the 404 page. `reason`: the reason given for opening the record outside
 * one's caseload, for the read's audit row. */
export function getPupilOrNotFound(actor: Actor, id: string, reason?: string) {
  return orNotFound(getPupil(actor, { id }, "page", reason));
}
