import { lettersResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { produceLettersViaApi } from "@/lib/server/referrals/api-evidence-requests";

export const dynamic = "force-dynamic";

/** POST /api/v1/cases/{id}/letters: 201 with the letters produced; 422 naming each problem; 404 outside scope. */
export const POST = (request: Request, context: { params: Promise<{ id: string }> }) =>
  apiRoute(async (actor) => {
    const { id } = await context.params;
    const body = await request.json().catch(() => null);
    return { status: 201, body: lettersResponse.parse(await produceLettersViaApi(actor, id, body)) };
  })(request);
