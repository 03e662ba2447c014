import "server-only";
import { DEFAULT_REFERRAL_SETTINGS, type ReferralSettings } from "@/lib/domain/referral-grounds";
import { db, type Tx } from "../db";

/** An authority's referral rules: its stored row, or DEFAULT_REFERRAL_SETTINGS when it has none. */
export async function loadReferralSettings(authorityId: string, tx: Tx = db): Promise<ReferralSettings> {
  const row = await tx.authorityCaseSettings.findUnique({
    where: { authorityId },
    select: { referralMinimum: true, interviewUnderCautionRequired: true },
  });
  return row ?? DEFAULT_REFERRAL_SETTINGS;
}
