import { referralResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { decideReferralViaApi } from "@/lib/server/referrals/api-requests";

export const dynamic = "force-dynamic";

/** POST /api/v1/referrals/{id}/decision: approve or reject. 200; 422 naming what is missing; 403 for non-managers. */
export const POST = (request: Request, context: { params: Promise<{ id: string }> }) =>
  apiRoute(async (actor) => {
    const { id } = await context.params;
    const body = await request.json().catch(() => null);
    return { body: referralResponse.parse(await decideReferralViaApi(actor, id, body)) };
  })(request);
