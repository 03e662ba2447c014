import { pupilResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { apiPupilAccessReason } from "@/lib/server/cases/access-reason";
import { getPupil } from "@/lib/server/pupils/get-pupil";

export const dynamic = "force-dynamic";

/** GET /api/v1/pupils/{upn}: the pupil, enrolments and parents/carers with ids. 404 outside scope. A manager or
 * officer reading a pupil whose cases are all someone else's gives the reason in the X-Access-Reason header. */
export const GET = (request: Request, context: { params: Promise<{ upn: string }> }) =>
  apiRoute(async (actor) => {
    const upn = decodeURIComponent((await context.params).upn);
    const reason = await apiPupilAccessReason(actor, upn, request);
    return { body: pupilResponse.parse(await getPupil(actor, { upn }, "api", reason)) };
  })(request);
