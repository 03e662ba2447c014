import { NotFoundError } from "@/lib/server/errors";
import { buildPupilSubjectAccess } from "@/lib/server/subject-access/build-subject-access-archive";
import { zipResponse } from "@/lib/server/subject-access/zip-response";
import { downloadActor, notFoundResponse } from "../../../attendance/csv-download";

export const dynamic = "force-dynamic";

/** GET /subject-access/pupils/{upn}: the pupil's subject access archive (managers and auditors; audited). */
export async function GET(_request: Request, context: { params: Promise<{ upn: string }> }) {
  const actor = await downloadActor("subject_access.export");
  if (!actor) return notFoundResponse();
  const { upn } = await context.params;
  try {
    return zipResponse(await buildPupilSubjectAccess(actor, { upn: decodeURIComponent(upn) }));
  } catch (error) {
    if (error instanceof NotFoundError) return notFoundResponse();
    throw error;
  }
}
