import "server-only";
import type { z } from "zod";
import { addCourtSchema, setCourtActiveSchema } from "@/lib/schemas/courts";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { isUniqueViolation } from "../cases/is-unique-violation";
import { parseInput } from "../cases/parse-input";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";

const TAKEN = "The authority's list already has a court with this name";

/** An administrator adds a magistrates' court to the authority's list (names are unique, whatever their case).
 * Audited. */
export async function addCourt(actor: Actor, raw: { name: string; address?: string }) {
  authorize(actor, "reference_data.manage");
  const input = parseInput(addCourtSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const court = await tx.court.create({
        data: { authorityId: actor.authorityId, name: input.name, address: input.address },
      });
      await audit(
        actor,
        { action: "court.add", entityType: "court", entityId: court.id, detail: { name: court.name } },
        tx,
      );
      return court;
    });
  } catch (error) {
    if (isUniqueViolation(error, "court_name_once")) throw new ValidationError({ name: [TAKEN] });
    throw error;
  }
}

/** An administrator takes a court off the list for new hearings (or back on); hearings already recorded keep it.
 * Audited. */
export async function setCourtActive(actor: Actor, raw: z.input<typeof setCourtActiveSchema>) {
  authorize(actor, "reference_data.manage");
  const input = parseInput(setCourtActiveSchema, raw);
  return db.$transaction(async (tx) => {
    const { count } = await tx.court.updateMany({
      where: { id: input.courtId, authorityId: actor.authorityId },
      data: { active: input.active === "true" },
    });
    if (count === 0) throw new NotFoundError("Court");
    await audit(
      actor,
      {
        action: "court.set_active",
        entityType: "court",
        entityId: input.courtId,
        detail: { active: input.active === "true" },
      },
      tx,
    );
    return { id: input.courtId };
  });
}
