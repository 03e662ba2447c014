import { caseResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { getCaseViaApi } from "@/lib/server/referrals/api-requests";

export const dynamic = "force-dynamic";

/** GET /api/v1/cases/{id}: status, window, decision and referrals. 404 outside scope. */
export const GET = (request: Request, context: { params: Promise<{ id: string }> }) =>
  apiRoute(async (actor) => {
    const { id } = await context.params;
    return { body: caseResponse.parse(await getCaseViaApi(actor, id)) };
  })(request);
