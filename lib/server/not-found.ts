import "server-only";
import { notFound } from "next/navigation";
import { NotFoundError } from "./errors";

// The one way "not found" becomes a 404 (issue 14). Server functions throw NotFoundError for a record that does
// not exist and for one outside the actor's scope alike; a page renders the 404 page (orNotFound), a file route
// answers a plain 404 (notFoundResponse), and the JSON API answers {"error":"not_found"} (lib/server/api.ts).
// None of them says which of the two it was.

/** For pages (and routes that render the 404 page): a NotFoundError from `read` renders the 404 page. */
export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

/** For file routes (CSV, PDF, archives): the plain 404 answer. */
export const notFoundResponse = () =>
  new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** For file routes: runs `respond`, answering a plain 404 when it throws NotFoundError. */
export async function responseOrNotFound(respond: () => Promise<Response>): Promise<Response> {
  try {
    return await respond();
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    throw error;
  }
}
