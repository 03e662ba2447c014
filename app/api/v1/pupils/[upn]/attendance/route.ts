import { pupilAttendanceResponse } from "@/lib/schemas/api";
import { apiRoute } from "@/lib/server/api";
import { apiPupilAccessReason } from "@/lib/server/cases/access-reason";
import { getPupilAttendance } from "@/lib/server/attendance/get-pupil-attendance";

export const dynamic = "force-dynamic";

/** GET /api/v1/pupils/{upn}/attendance?from=YYYY-MM-DD&to=YYYY-MM-DD: counts and rates over the range. */
export const GET = (request: Request, context: { params: Promise<{ upn: string }> }) =>
  apiRoute(async (actor) => {
    const { upn } = await context.params;
    const reason = await apiPupilAccessReason(actor, decodeURIComponent(upn), request);
    const url = new URL(request.url);
    return {
      body: pupilAttendanceResponse.parse(
        await getPupilAttendance(
          actor,
          decodeURIComponent(upn),
          url.searchParams.get("from") ?? "",
          url.searchParams.get("to") ?? "",
          reason,
        ),
      ),
    };
  })(request);
