import { NotFoundError } from "@/lib/server/errors";
import { buildParentSubjectAccess } from "@/lib/server/subject-access/build-subject-access-archive";
import { zipResponse } from "@/lib/server/subject-access/zip-response";
import { downloadActor, notFoundResponse } from "../../../attendance/csv-download";

export const dynamic = "force-dynamic";

/** GET /subject-access/parents/{id}: a parent or carer's subject access archive (managers and auditors; audited). */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  const actor = await downloadActor("subject_access.export");
  if (!actor) return notFoundResponse();
  const { id } = await context.params;
  try {
    return zipResponse(await buildParentSubjectAccess(actor, id));
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    throw error;
  }
}
