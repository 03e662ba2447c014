import { pdfResponse } from "@/lib/server/api";
import { downloadActor } from "@/app/attendance/csv-download";
import { notFoundResponse, responseOrNotFound } from "@/lib/server/not-found";
import { getCaseLetterPdf } from "@/lib/server/letters/get-case-letter";
import { reasonPageRedirect } from "@/lib/server/cases/access-reason";

export const dynamic = "force-dynamic";

/** GET /cases/<id>/letters/<letterId>/pdf: the letter as sent, to view or print; audited as a download. Anyone
 * who may not see the case (or a letter of another case) gets 404. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; letterId: string }> }) {
  const actor = await downloadActor("case.read");
  if (!actor) return notFoundResponse();
  const { id, letterId } = await params;
  return responseOrNotFound(async () => {
    // A manager on another officer's case says why first (the one check every page of a case makes).
    const ask = await reasonPageRedirect(actor, id, `letters/${letterId}/pdf`);
    if (ask) return ask;
    const { bytes, filename } = await getCaseLetterPdf(actor, id, letterId);
    return pdfResponse(bytes, `inline; filename="${filename}"`);
  });
}
