import { createdResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { addCaseEventViaApi } from "@/lib/server/referrals/api-evidence-requests";

export const dynamic = "force-dynamic";

/** POST /api/v1/cases/{id}/events: 201 {id}; 422 naming each problem; 403 not the case's officer; 404 outside scope. */
export const POST = (request: Request, context: { params: Promise<{ id: string }> }) =>
  apiRoute(async (actor) => {
    const { id } = await context.params;
    const body = await request.json().catch(() => null);
    return { status: 201, body: createdResponse.parse(await addCaseEventViaApi(actor, id, body)) };
  })(request);
