import { parentalResponsibilityResponse } from "@/lib/schemas/insight-api";
import { apiRoute } from "@/lib/server/api";
import { getParentalResponsibility, parseYear } from "@/lib/server/statistics/get-parental-responsibility";
import { authorize } from "@/lib/server/actor";

export const dynamic = "force-dynamic";

/** GET /api/v1/statistics/parental-responsibility?year=YYYY: the return for the academic year starting in YYYY. */
export const GET = apiRoute(async (actor, request) => {
  // The role check first, so a school's token learns nothing from a malformed year.
  authorize(actor, "statistics.read");
  const year = parseYear(new URL(request.url).searchParams.get("year"));
  const r = await getParentalResponsibility(actor, year);
  return {
    body: parentalResponsibilityResponse.parse({
      year: r.year,
      label: r.label,
      asOf: r.asOf,
      census: r.census,
      notes: r.notes,
      prosecutions: r.prosecutions,
    }),
  };
});
