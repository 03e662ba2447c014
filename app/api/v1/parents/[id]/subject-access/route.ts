import { apiRoute } from "@/lib/server/api";
import { buildParentSubjectAccess } from "@/lib/server/subject-access/build-subject-access-archive";
import { zipResponse } from "@/lib/server/subject-access/zip-response";

export const dynamic = "force-dynamic";

/** GET /api/v1/parents/{id}/subject-access: everything held about a parent or carer, as one zip (managers,
 * auditors). The id is the one GET /api/v1/pupils/{upn} gives. */
export const GET = (request: Request, context: { params: Promise<{ id: string }> }) =>
  apiRoute(async (actor) => {
    const { id } = await context.params;
    return zipResponse(await buildParentSubjectAccess(actor, id, "api"));
  })(request);
