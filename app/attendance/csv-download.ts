import "server-only";
import { redirect } from "next/navigation";
import { spreadsheetCsvRow } from "@/lib/domain/csv";
import { can, type Action } from "@/lib/domain/permissions";
import { getActor, type Actor } from "@/lib/server/auth";

/**
 * For CSV download routes: the signed-in actor allowed `action`. Signed out: redirect to sign-in; a one-time
 * password not yet changed: redirect to change it; not allowed: null (the route answers 404, as pages do).
 */
export async function downloadActor(action: Action): Promise<Actor | null> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  if (actor.mustChangePassword) redirect("/account/password");
  return can(actor, action) ? actor : null;
}

/** The plain 404 of a file route (lib/server/not-found.ts: the one way "not found" becomes a 404). */
export { notFoundResponse } from "@/lib/server/not-found";

/** A CSV file download: a header row, then the rows, with a UTF-8 byte-order mark so spreadsheets read it right,
 * and no cell that a spreadsheet would run as a formula. */
export function csvResponse(
  filename: string,
  header: string[],
  rows: (string | number | null | undefined)[][],
): Response {
  const body = "\uFEFF" + spreadsheetCsvRow(header) + rows.map(spreadsheetCsvRow).join("");
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
