import { caseResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { apiCaseAccessReason } from "@/lib/server/cases/access-reason";
import { getCaseViaApi } from "@/lib/server/referrals/api-requests";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases/{id}: status, window, decision and referrals. 404 outside scope. A manager or officer reading another
 * officer's case gives the reason in the X-Access-Reason header (422 without it). */
export const GET = (request: Request, context: { params: Promise<{ id: string }> }) =>
  apiRoute(async (actor) => {
    const { id } = await context.params;
    const reason = await apiCaseAccessReason(actor, id, request);
    return { body: caseResponse.parse(await getCaseViaApi(actor, id, reason)) };
  })(request);
