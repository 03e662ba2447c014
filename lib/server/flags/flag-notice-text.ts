import "server-only";
import { formatUkDate, londonDate } from "@/lib/domain/dates";
import type { Tx } from "../db";

/** "Kyle Smith (UPN A123…): your school's flag of 3 November 2026", the start of every notice about a flag. */
export async function flagNoticeText(
  tx: Tx,
  flag: { pupilId: string; authorityId: string; createdAt: Date },
): Promise<string> {
  const pupil = await tx.pupil.findFirst({
    where: { id: flag.pupilId, authorityId: flag.authorityId },
    select: { firstName: true, lastName: true, upn: true },
  });
  const name = pupil ? `${pupil.firstName} ${pupil.lastName} (UPN ${pupil.upn})` : "A pupil";
  return `${name}: your school's flag of ${formatUkDate(londonDate(flag.createdAt))}`;
}
