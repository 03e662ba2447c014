import { apiRoute, pdfResponse } from "@/lib/server/api";
import { NotFoundError } from "@/lib/server/errors";
import { getCaseLetterPdf } from "@/lib/server/letters/get-case-letter";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases/{id}/letters/{letterId}.pdf: the letter as sent. 401 without a token or session; 404 outside
 * scope. */
export const GET = (request: Request, context: { params: Promise<{ id: string; letterFile: string }> }) =>
  apiRoute(async (actor) => {
    const { id, letterFile } = await context.params;
    const match = /^([0-9a-f-]{36})\.pdf$/i.exec(letterFile);
    if (!match) throw new NotFoundError("Letter");
    const { bytes, filename } = await getCaseLetterPdf(actor, id, match[1]!);
    return pdfResponse(bytes, `inline; filename="${filename}"`);
  })(request);
