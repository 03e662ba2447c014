import { referralDetailResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { getReferralViaApi } from "@/lib/server/referrals/api-evidence-requests";

export const dynamic = "force-dynamic";

/** GET /api/v1/referrals/{id}: status, offence and the readiness items with their evidence. 404 outside scope. */
export const GET = (request: Request, context: { params: Promise<{ id: string }> }) =>
  apiRoute(async (actor) => {
    const { id } = await context.params;
    return { body: referralDetailResponse.parse(await getReferralViaApi(actor, id)) };
  })(request);
