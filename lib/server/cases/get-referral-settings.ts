import "server-only";
import type { ReferralSettings } from "@/lib/domain/referral-grounds";
import { authorize, type Actor } from "../actor";
import { loadReferralSettings } from "./load-referral-settings";

/** The actor's authority's referral rules, for the administrators who edit them. */
export async function getReferralSettings(actor: Actor): Promise<ReferralSettings> {
  authorize(actor, "case.settings");
  return loadReferralSettings(actor.authorityId);
}
