import "server-only";
import type { DemoMarker } from "@/lib/domain/demo-data";
import { db } from "../db";

/** This database's demo marker (null unless it was created as a demo); see lib/domain/demo-data.ts. */
export async function demoMarker(): Promise<DemoMarker> {
  const row = await db.demoDatabase.findUnique({ where: { onlyRow: true } });
  return row ? { embedded: row.embedded } : null;
}
