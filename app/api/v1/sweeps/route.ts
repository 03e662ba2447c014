import { createSweepResponse, sweepListResponse } from "@/lib/schemas/insight-api";
import { apiRoute } from "@/lib/server/api";
import { createSweep } from "@/lib/server/sweeps/create-sweep";
import { findSweeps } from "@/lib/server/sweeps/find-sweeps";

export const dynamic = "force-dynamic";

async function body(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    return null;
  }
}

/** POST /api/v1/sweeps: a truancy sweep with every child stopped (all or nothing). 201 {id, yield, stops}. */
export const POST = apiRoute(async (actor, request) => {
  const created = await createSweep(actor, await body(request));
  return {
    status: 201,
    body: createSweepResponse.parse({
      id: created.id,
      yield: created.yield,
      stops: created.stops.map((s) => ({ position: s.position, feed: s.feed, caseId: s.caseId, flagId: s.flagId })),
    }),
  };
});

/** GET /api/v1/sweeps?from=YYYY-MM-DD&to=YYYY-MM-DD: the sweeps in your scope with their totals and yields. */
export const GET = apiRoute(async (actor, request) => {
  const url = new URL(request.url);
  const range = {
    ...(url.searchParams.get("from") !== null ? { from: url.searchParams.get("from")! } : {}),
    ...(url.searchParams.get("to") !== null ? { to: url.searchParams.get("to")! } : {}),
  };
  const found = await findSweeps(actor, range);
  return {
    body: sweepListResponse.parse({
      from: found.from,
      to: found.to,
      sweeps: found.sweeps.map((s) => ({
        id: s.id,
        date: s.date,
        startTime: s.startTime,
        endTime: s.endTime,
        area: s.area,
        policeOfficers: s.policeOfficers,
        staff: s.staff,
        yield: s.yield,
      })),
      totals: { ...found.totals.totals, yield: found.totals.yield },
      years: found.years.map((y) => ({ year: y.year, label: y.label, ...y.totals, yield: y.yield })),
      press: found.press,
    }),
  };
});
