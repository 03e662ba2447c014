import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "../actor";
import { NotFoundError } from "../errors";
import { getPupil } from "./get-pupil";

/** getPupil for pages: out of scope renders the 404 page. */
export async function getPupilOrNotFound(actor: Actor, id: string) {
  try {
    return await getPupil(actor, { id }, "page");
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
