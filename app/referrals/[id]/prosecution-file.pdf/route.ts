import { pdfResponse } from "@/lib/server/api";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/server/auth";
import { NotFoundError, ValidationError } from "@/lib/server/errors";
import { renderPdf } from "@/lib/server/pdf/render-pdf";
import { buildProsecutionFile } from "@/lib/server/referrals/prosecution-file";

export const dynamic = "force-dynamic";

/** The prosecution file PDF for an approved referral. 404 out of scope or for roles without referral.read. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("referral.read");
  const { id } = await context.params;
  try {
    const { doc, filename } = await buildProsecutionFile(actor, id);
    const pdf = await renderPdf(doc);
    return pdfResponse(pdf, `attachment; filename="${filename}"`);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ValidationError)
      return new Response(error.message, { status: 409, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    throw error;
  }
}
