import { apiRoute, pdfResponse } from "@/lib/server/api";
import { renderCertificatePdf } from "@/lib/server/certificates/certificate-pdf";
import { evidenceOfReferral } from "@/lib/server/certificates/certificate-context";
import { getCertificate } from "@/lib/server/certificates/get-certificate";

export const dynamic = "force-dynamic";

/** GET /api/v1/referrals/{id}/certificate.pdf: the s.566 certificate built from the frozen evidence (?schoolUrn= when
 * the referral relies on several schools). 401 without a token or session; 404 outside scope. */
export const GET = (request: Request, context: { params: Promise<{ id: string }> }) =>
  apiRoute(async (actor) => {
    const { id } = await context.params;
    const evidenceId = await evidenceOfReferral(actor, id);
    const view = await getCertificate(actor, evidenceId, { via: "api" });
    const pdf = await renderCertificatePdf(view, actor.authorityName);
    return pdfResponse(pdf, `attachment; filename="certificate-of-attendance-${view.pupil.upn}.pdf"`);
  })(request);
