// Each demo authority's list of magistrates' courts (issue 15: "a court from the authority's list of magistrates'
// courts"). Court names and towns as in the North East; addresses are left out of the demo.
import type { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_AUTHORITIES } from "./seed";

export const DEMO_COURTS: Record<string, string[]> = {
  "841": ["Teesside Magistrates' Court", "Newton Aycliffe Magistrates' Court"],
  "806": ["Teesside Magistrates' Court"],
  "807": ["Teesside Magistrates' Court"],
};

/** Adds the demo courts to each demo authority that has none yet; returns each authority's courts by name. */
export async function seedCourts(db: PrismaClient): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  for (const demo of DEMO_AUTHORITIES) {
    const authority = await db.authority.findFirst({ where: { laCode: demo.laCode } });
    if (!authority) continue;
    if ((await db.court.count({ where: { authorityId: authority.id } })) === 0) {
      await db.court.createMany({
        data: (DEMO_COURTS[demo.laCode] ?? []).map((name) => ({ authorityId: authority.id, name })),
      });
    }
    // In the list's order: the first is where most of the demo's hearings are.
    const names = DEMO_COURTS[demo.laCode] ?? [];
    const courts = await db.court.findMany({ where: { authorityId: authority.id }, select: { id: true, name: true } });
    out.set(
      authority.id,
      courts.sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name)),
    );
  }
  return out;
}
