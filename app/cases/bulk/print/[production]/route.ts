import { pdfResponse } from "@/lib/server/api";
import { downloadActor, notFoundResponse } from "@/app/attendance/csv-download";
import { NotFoundError } from "@/lib/server/errors";
import { getBulkProductionPdf } from "@/lib/server/letters/get-production-pdf";

export const dynamic = "force-dynamic";

/** GET /cases/bulk/print/<production id>: the letters sent to several cases together (the same kind), one PDF for
 * printing; each audited as a download. Letters on cases the user may not see are left out; none: 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ production: string }> }) {
  const actor = await downloadActor("case.read");
  if (!actor) return notFoundResponse();
  const { production } = await params;
  try {
    const { bytes, filename } = await getBulkProductionPdf(actor, production);
    return pdfResponse(bytes, `inline; filename="${filename}"`);
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    throw error;
  }
}
