import { pdfResponse } from "@/lib/server/api";
import { downloadActor, notFoundResponse } from "@/app/attendance/csv-download";
import { NotFoundError } from "@/lib/server/errors";
import { getProductionPdf } from "@/lib/server/letters/get-production-pdf";
import { reasonPageRedirect } from "@/lib/server/cases/access-reason";

export const dynamic = "force-dynamic";

/** GET /cases/<id>/letters/print?production=<id>: the letters sent together, one PDF for printing; each audited as
 * a download. Anyone who may not see the case (or a production of another case) gets 404. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await downloadActor("case.read");
  if (!actor) return notFoundResponse();
  const { id } = await params;
  const production = new URL(request.url).searchParams.get("production") ?? "";
  try {
    // A manager on another officer's case says why first (the one check every page of a case makes); the reason
    // page then returns to the case's page, since this route's query is not carried over.
    const ask = await reasonPageRedirect(actor, id, null);
    if (ask) return ask;
    const { bytes, filename } = await getProductionPdf(actor, id, production);
    return pdfResponse(bytes, `inline; filename="${filename}"`);
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    throw error;
  }
}
