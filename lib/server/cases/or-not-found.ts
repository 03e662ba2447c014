import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "../errors";

/** For pages: a server function's NotFoundError (out of scope, or a role that may not see cases) renders the 404
 * page, which reveals nothing about the record. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
