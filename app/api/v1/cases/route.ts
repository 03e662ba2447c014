import { createdResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { createCaseViaApi } from "@/lib/server/referrals/api-requests";

export const dynamic = "force-dynamic";

async function body(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return null;
  }
}

/** POST /api/v1/cases: open a case (and start its window). 201 {"id"}; 422 {"errors":[…]}. */
export const POST = apiRoute(async (actor, request) => ({
  status: 201,
  body: createdResponse.parse(await createCaseViaApi(actor, await body(request))),
}));
