// Demo retention and legal holds (issue 12 §4, ADR 039), after the demo casework: each authority keeps the default
// schedule (no rows: the defaults show as such on /retention), and its manager has placed a legal hold on the case
// closed when children's social care took the lead, so that /legal-holds and the dry run show a hold in force.
// Written directly with Prisma, like the other seeds; every CHECK holds.
import type { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_AUTHORITIES, demoEmail } from "./seed";

export const DEMO_HOLD_REASON =
  "Children's social care asked that the file be kept for a child safeguarding practice review (ref CSPR/2026/014).";

export async function seedRetention(db: PrismaClient, _today: string, log: (line: string) => void = () => {}) {
  for (const demo of DEMO_AUTHORITIES) {
    const authority = await db.authority.findFirst({ where: { laCode: demo.laCode } });
    if (!authority) continue;
    const manager = await db.appUser.findUniqueOrThrow({ where: { email: demoEmail(demo.slug, "manager") } });
    const kase = await db.attendanceCase.findFirst({
      where: { authorityId: authority.id, status: "closed", closeOutcome: "referred_elsewhere" },
      orderBy: { openedOn: "asc" },
    });
    if (!kase) continue;
    await db.legalHold.create({
      data: { authorityId: authority.id, caseId: kase.id, reason: DEMO_HOLD_REASON, placedBy: manager.id },
    });
  }
  log("Demo legal holds placed.");
}
