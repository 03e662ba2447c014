import { pdfResponse } from "@/lib/server/api";
import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/server/auth";
import { renderCertificatePdf } from "@/lib/server/certificates/certificate-pdf";
import { getCertificate } from "@/lib/server/certificates/get-certificate";
import { NotFoundError } from "@/lib/server/errors";

export const dynamic = "force-dynamic";

/** The certificate as a PDF, built from the frozen evidence. 404 out of scope. */
export async function GET(request: Request, context: { params: Promise<{ evidenceId: string }> }) {
  const actor = await requirePermission("certificate.read");
  const { evidenceId } = await context.params;
  try {
    const view = await getCertificate(actor, evidenceId, {
      schoolId: new URL(request.url).searchParams.get("school"),
      via: "pdf",
    });
    const pdf = await renderCertificatePdf(view, actor.authorityName);
    return pdfResponse(pdf, `attachment; filename="certificate-of-attendance-${view.pupil.upn}.pdf"`);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}
