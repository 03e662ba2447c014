import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/server/openapi";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the API description. Public: it describes shapes, never data. */
export function GET(request: Request) {
  return NextResponse.json(openApiDocument(new URL(request.url).origin));
}
