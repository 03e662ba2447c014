import { notFoundResponse, responseOrNotFound } from "@/lib/server/not-found";
import { buildPupilSubjectAccess } from "@/lib/server/subject-access/build-subject-access-archive";
import { zipResponse } from "@/lib/server/subject-access/zip-response";
import { downloadActor } from "@/app/attendance/csv-download";

export const dynamic = "force-dynamic";

/** GET /subject-access/pupils/{upn}: the pupil's subject access archive (managers and auditors; audited). */
export async function GET(_request: Request, context: { params: Promise<{ upn: string }> }) {
  const actor = await downloadActor("subject_access.export");
  if (!actor) return notFoundResponse();
  const { upn } = await context.params;
  return responseOrNotFound(async () =>
    zipResponse(await buildPupilSubjectAccess(actor, { upn: decodeURIComponent(upn) })),
  );
}
