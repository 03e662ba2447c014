import { pdfResponse } from "@/lib/server/api";
import { downloadActor, notFoundResponse } from "@/app/attendance/csv-download";
import { letterKindFromSlug } from "@/lib/domain/letters";
import { sampleLetterPdf } from "@/lib/server/letters/preview-letter-template";

export const dynamic = "force-dynamic";

/** GET /admin/letters/<kind>/preview.pdf: the authority's current template for the kind, as a sample letter. */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string }> }) {
  const actor = await downloadActor("letter_template.manage");
  const kind = letterKindFromSlug((await params).kind);
  if (!actor || !kind) return notFoundResponse();
  const { bytes, filename } = await sampleLetterPdf(actor, kind);
  return pdfResponse(bytes, `inline; filename="${filename}"`);
}
