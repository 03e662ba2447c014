import { notFoundResponse, responseOrNotFound } from "@/lib/server/not-found";
import { buildParentSubjectAccess } from "@/lib/server/subject-access/build-subject-access-archive";
import { zipResponse } from "@/lib/server/subject-access/zip-response";
import { downloadActor } from "@/app/attendance/csv-download";

export const dynamic = "force-dynamic";

/** GET /subject-access/parents/{id}: a parent or carer's subject access archive (managers and auditors; audited). */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const actor = await downloadActor("subject_access.export");
  if (!actor) return notFoundResponse();
  const { id } = await context.params;
  return responseOrNotFound(async () => zipResponse(await buildParentSubjectAccess(actor, id)));
}
