import { pdfResponse } from "@/lib/server/api";
import { downloadActor, notFoundResponse } from "@/app/attendance/csv-download";
import { NotFoundError } from "@/lib/server/errors";
import { getCaseLetterPdf } from "@/lib/server/letters/get-case-letter";

export const dynamic = "force-dynamic";

/** GET /cases/<id>/letters/<letterId>/pdf: the letter as sent, to view or print; audited as a download. Anyone
 * who may not see the case (or a letter of another case) gets 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; letterId: string }> }) {
  const actor = await downloadActor("case.read");
  if (!actor) return notFoundResponse();
  const { id, letterId } = await params;
  try {
    const { bytes, filename } = await getCaseLetterPdf(actor, id, letterId);
    return pdfResponse(bytes, `inline; filename="${filename}"`);
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    throw error;
  }
}
