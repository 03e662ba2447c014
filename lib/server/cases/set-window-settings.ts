import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { windowSettingsSchema, type WindowSettingsInput } from "@/lib/schemas/case";
import { now } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { parseInput } from "./parse-input";

/** Sets the actor's authority's Fast Track window length and milestones (administrators). Cases already in a
 * window keep the dates they were planned with. */
export async function setWindowSettings(actor: Actor, raw: WindowSettingsInput) {
  authorize(actor, "case.settings");
  const settings = parseInput(windowSettingsSchema, raw);
  const value = settings as unknown as Prisma.InputJsonValue;
  return db.$transaction(async (tx) => {
    const row = await tx.authorityCaseSettings.upsert({
      where: { authorityId: actor.authorityId },
      create: { authorityId: actor.authorityId, windowSettings: value, updatedBy: actor.id },
      update: { windowSettings: value, updatedBy: actor.id, updatedAt: now() },
    });
    await audit(
      actor,
      {
        action: "case_settings.update",
        entityType: "authority",
        entityId: actor.authorityId,
        detail: { settings: value },
      },
      tx,
    );
    return row;
  });
}
