import { NextResponse } from "next/server";
import { healthResponse } from "@/lib/schemas/api";
import { checkDatabase } from "@/lib/server/health/check-database";

export const dynamic = "force-dynamic";

/** GET /api/health: for load balancers and monitoring. Public; reveals nothing but up/down. */
export async function GET() {
  const database = await checkDatabase();
  return NextResponse.json(
    healthResponse.parse({ status: database ? "ok" : "unavailable", database: database ? "ok" : "unavailable" }),
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
