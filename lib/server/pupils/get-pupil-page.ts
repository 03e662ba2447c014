import "server-only";
import type { Actor } from "../actor";
import { orNotFound } from "../not-found";
import { getPupil } from "./get-pupil";

/** getPupil for pages: out of scope renders the 404 page. */
export function getPupilOrNotFound(actor: Actor, id: string) {
  return orNotFound(getPupil(actor, { id }, "page"));
}
