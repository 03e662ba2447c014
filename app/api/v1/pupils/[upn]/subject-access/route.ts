import { apiRoute } from "@/lib/server/api";
import { buildPupilSubjectAccess } from "@/lib/server/subject-access/build-subject-access-archive";
import { zipResponse } from "@/lib/server/subject-access/zip-response";

export const dynamic = "force-dynamic";

/** GET /api/v1/pupils/{upn}/subject-access: everything held about the pupil, as one zip (managers, auditors). */
export const GET = (request: Request, context: { params: Promise<{ upn: string }> }) =>
  apiRoute(async (actor) => {
    const { upn } = await context.params;
    return zipResponse(await buildPupilSubjectAccess(actor, { upn: decodeURIComponent(upn) }, "api"));
  })(request);
