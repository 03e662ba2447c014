import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { addSweepStopSchema } from "@/lib/schemas/sweeps";
import type { z } from "zod";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { isUniqueViolation } from "../cases/is-unique-violation";
import { parseInput } from "../cases/parse-input";
import { writeStop } from "./create-sweep";
import { sweepScope } from "./sweep-scope";

/**
 * Adds one child stopped to a sweep in the actor's scope (officers: the sweeps they recorded; managers: any of the
 * authority's). The stop feeds casework in the same transaction. Sweeps are locked while a stop is added, so two
 * stops added at once get their own positions.
 */
export async function addSweepStop(actor: Actor, raw: z.input<typeof addSweepStopSchema>) {
  authorize(actor, "sweep.record");
  const input = parseInput(addSweepStopSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const sweep = await tx.truancySweep.findFirst({ where: { AND: [sweepScope(actor), { id: input.sweepId }] } });
      if (!sweep) throw new NotFoundError("Sweep");
      await tx.$queryRaw`SELECT 1 FROM truancy_sweep WHERE authority_id = ${sweep.authorityId}::uuid AND id = ${sweep.id}::uuid FOR UPDATE`;
      const last = await tx.truancySweepStop.aggregate({
        where: { authorityId: sweep.authorityId, sweepId: sweep.id },
        _max: { position: true },
      });
      const ref = { id: sweep.id, sweepDate: toIsoDate(sweep.sweepDate), area: sweep.area };
      const { stop, audits } = await writeStop(tx, actor, ref, input, (last._max.position ?? 0) + 1, "stop");
      await audit(
        actor,
        [
          ...audits,
          {
            action: "sweep.add_stop",
            entityType: "sweep",
            entityId: sweep.id,
            detail: { stopId: stop.id, feed: stop.feed },
          },
        ],
        tx,
      );
      return stop;
    });
  } catch (error) {
    if (error instanceof ValidationError) {
      // The form names its fields without the "stop." prefix the shared stop writer uses.
      const fieldErrors = Object.fromEntries(
        Object.entries(error.fieldErrors).map(([k, v]) => [k.replace(/^stop\./, ""), v]),
      );
      throw new ValidationError(fieldErrors, error.formError);
    }
    if (isUniqueViolation(error, "case_flag_one_new_per_pupil")) {
      throw new ValidationError({}, "A flag for this pupil was saved at the same moment: record the child again");
    }
    throw error;
  }
}
