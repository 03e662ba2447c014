import { requireApiActor } from "@/lib/server/auth";
import { NotFoundError, UnauthenticatedError } from "@/lib/server/errors";
import { getCaseLetterPdf } from "@/lib/server/letters/get-case-letter";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases/{id}/letters/{letterId}.pdf: the letter as sent. 401 without a token or session; 404 outside
 * scope. */
export async function GET(request: Request, context: { params: Promise<{ id: string; letterFile: string }> }) {
  const { id, letterFile } = await context.params;
  try {
    const actor = await requireApiActor(request);
    const match = /^([0-9a-f-]{36})\.pdf$/i.exec(letterFile);
    if (!match) throw new NotFoundError("Letter");
    const { bytes, filename } = await getCaseLetterPdf(actor, id, match[1]!);
    return new Response(Buffer.from(bytes), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${filename}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof UnauthenticatedError)
      return Response.json({ error: "unauthenticated", message: error.message }, { status: 401 });
    if (error instanceof NotFoundError)
      return Response.json({ error: "not_found", message: error.message }, { status: 404 });
    throw error;
  }
}
