import { requireApiActor } from "@/lib/server/auth";
import { renderCertificatePdf } from "@/lib/server/certificates/certificate-pdf";
import { evidenceOfReferral } from "@/lib/server/certificates/certificate-context";
import { getCertificate } from "@/lib/server/certificates/get-certificate";
import { NotFoundError, UnauthenticatedError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

/** GET /api/v1/referrals/{id}/certificate.pdf: the s.566 certificate built from the frozen evidence (?schoolUrn= when
 * the referral relies on several schools). 401 without a token or session; 404 outside scope. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  const { id } = await context.params;
  try {
    const actor = await requireApiActor(request);
    const evidenceId = await evidenceOfReferral(actor, id);
    const view = await getCertificate(actor, evidenceId, { via: "api" });
    const pdf = await renderCertificatePdf(view, actor.authorityName);
    return new Response(Buffer.from(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="certificate-of-attendance-${view.pupil.upn}.pdf"`,
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
