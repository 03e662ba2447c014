import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { DEFAULT_WINDOW_SETTINGS } from "@/lib/domain/fast-track-window";
import { now } from "@/lib/env";
import { referralSettingsSchema, type ReferralSettingsInput } from "@/lib/schemas/case";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { parseInput } from "./parse-input";

/**
 * Sets the actor's authority's referral rules (administrators): the referral minimum of unauthorised sessions
 * (local policy, 1 to 380) and whether approval needs an interview under caution. Windows decided from now on use
 * the minimum; decisions already taken keep theirs (it is frozen with their figures).
 */
export async function setReferralSettings(actor: Actor, raw: ReferralSettingsInput) {
  authorize(actor, "case.settings");
  const settings = parseInput(referralSettingsSchema, raw);
  return db.$transaction(async (tx) => {
    const row = await tx.authorityCaseSettings.upsert({
      where: { authorityId: actor.authorityId },
      create: {
        authorityId: actor.authorityId,
        windowSettings: DEFAULT_WINDOW_SETTINGS as unknown as Prisma.InputJsonValue,
        ...settings,
        updatedBy: actor.id,
      },
      update: { ...settings, updatedBy: actor.id, updatedAt: now() },
    });
    await audit(
      actor,
      {
        action: "referral_settings.update",
        entityType: "authority",
        entityId: actor.authorityId,
        detail: settings,
      },
      tx,
    );
    return row;
  });
}
