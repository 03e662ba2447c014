import { createdResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { recordOutcome } from "@/lib/server/court/record-outcome";

export const dynamic = "force-dynamic";

/** POST /api/v1/referrals/{id}/outcome: the court outcome for this parent. 201 {"id"}; 422 naming the cap and offence. */
export const POST = (request: Request, context: { params: Promise<{ id: string }> }) =>
  apiRoute(async (actor) => {
    const { id } = await context.params;
    const body = await request.json().catch(() => null);
    const outcome = await recordOutcome(actor, id, body);
    return { status: 201, body: createdResponse.parse({ id: outcome.id }) };
  })(request);
