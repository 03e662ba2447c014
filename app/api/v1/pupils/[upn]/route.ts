import { pupilResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { getPupil } from "@/lib/server/pupils/get-pupil";

export const dynamic = "force-dynamic";

/** GET /api/v1/pupils/{upn}: the pupil, enrolments and parents/carers with ids. 404 outside scope. */
export const GET = (request: Request, context: { params: Promise<{ upn: string }> }) =>
  apiRoute(async (actor) => {
    const { upn } = await context.params;
    return { body: pupilResponse.parse(await getPupil(actor, { upn: decodeURIComponent(upn) }, "api")) };
  })(request);
