import "server-only";
import { checkSweepTimes, quartersFromHours, sweepYield, totalsOf, type SweepYield } from "@/lib/domain/sweeps";
import { today } from "@/lib/env";
import {
  createSweepRequestSchema,
  recordSweepSchema,
  type CreateSweepRequest,
  type RecordSweepInput,
} from "@/lib/schemas/sweeps";
import { authorize, type Actor } from "../actor";
import { audit, type AuditEntry } from "../audit";
import { db, dateOnly, type Tx } from "../db";
import { ValidationError, type FieldErrors } from "../errors";
import { isUniqueViolation } from "../cases/is-unique-violation";
import { parseInput } from "../cases/parse-input";
import { feedStop } from "./feed-stop";
import type { SweepStop } from "@/lib/schemas/sweeps";

const FLAG_RACE =
  "Another flag for one of these pupils was saved at the same moment: record the sweep again and it will join that flag";

type SweepFields = ReturnType<typeof recordSweepSchema.parse>;

/** The sweep's own checks beyond the schema (the date against today); every problem at once. */
function checkSweep(input: SweepFields): void {
  const problems = checkSweepTimes({
    date: input.date,
    startTime: input.startTime,
    endTime: input.endTime,
    today: today(),
  });
  if (problems.length > 0) {
    const errors: FieldErrors = {};
    for (const p of problems) (errors[p.field] ??= []).push(p.message);
    throw new ValidationError(errors);
  }
}

/** Writes one stop at `position` (its casework first, so the stop can point at what it fed). Returns the stop and the
 * audit rows for the casework it wrote, which the caller appends last in its transaction. */
export async function writeStop(
  tx: Tx,
  actor: Actor,
  sweep: { id: string; sweepDate: string; area: string },
  stop: SweepStop,
  position: number,
  field: string,
) {
  const fed = await feedStop(tx, actor, sweep, stop, field);
  const saved = await tx.truancySweepStop.create({
    data: {
      authorityId: actor.authorityId,
      sweepId: sweep.id,
      position,
      pupilId: fed.pupilId,
      name: stop.name,
      schoolUrn: stop.schoolUrn,
      schoolGiven: stop.schoolName,
      withParent: stop.withParent,
      validReason: stop.validReason,
      reason: stop.reason,
      outcome: stop.outcome,
      feed: fed.feed,
      caseId: fed.caseId,
      flagId: fed.flagId,
    },
  });
  return { stop: saved, audits: fed.audits };
}

async function create(actor: Actor, input: SweepFields, stops: readonly SweepStop[]) {
  authorize(actor, "sweep.record");
  checkSweep(input);
  const policeQuarterHours = quartersFromHours(input.policeHours);
  const staffQuarterHours = quartersFromHours(input.staffHours);
  if (!policeQuarterHours.ok || !staffQuarterHours.ok) throw new Error("hours were parsed by the schema");
  try {
    return await db.$transaction(
      async (tx) => {
        const sweep = await tx.truancySweep.create({
          data: {
            authorityId: actor.authorityId,
            sweepDate: dateOnly(input.date),
            startTime: input.startTime,
            endTime: input.endTime,
            area: input.area,
            policeOfficers: input.policeOfficers,
            policeQuarterHours: policeQuarterHours.quarters,
            staff: input.staff,
            staffQuarterHours: staffQuarterHours.quarters,
            notes: input.notes,
            recordedBy: actor.id,
          },
        });
        const ref = { id: sweep.id, sweepDate: input.date, area: input.area };
        // Every stop is checked before the transaction commits: one unknown UPN refuses the whole sweep.
        const errors: FieldErrors = {};
        const written = [];
        const audits: AuditEntry[] = [];
        for (const [i, stop] of stops.entries()) {
          try {
            const w = await writeStop(tx, actor, ref, stop, i + 1, `stops.${i}`);
            written.push(w.stop);
            audits.push(...w.audits);
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            Object.assign(errors, error.fieldErrors);
          }
        }
        if (Object.keys(errors).length > 0) throw new ValidationError(errors);
        const totals = totalsOf({
          policeQuarterHours: sweep.policeQuarterHours,
          staffQuarterHours: sweep.staffQuarterHours,
          stops: written.map((s) => ({
            validReason: s.validReason as SweepStop["validReason"],
            withParent: s.withParent,
          })),
        });
        // Last in the transaction, as the audit writer asks: the casework each stop fed, then the sweep.
        await audit(
          actor,
          [
            ...audits,
            {
              action: "sweep.create",
              entityType: "sweep",
              entityId: sweep.id,
              detail: { date: input.date, stops: stops.length },
            },
          ],
          tx,
        );
        return { id: sweep.id, yield: sweepYield(totals) as SweepYield, stops: written };
        // Every stop feeds casework in this one transaction (several statements a stop): more than Prisma's 5 s default
        // on a busy server or a Citus cluster (8.5 s measured for the demo's largest sweep on a loaded 2-core machine),
        // and well inside the pool's 60 s statement and idle-in-transaction limits.
      },
      { timeout: 30_000 },
    );
  } catch (error) {
    if (isUniqueViolation(error, "case_flag_one_new_per_pupil")) throw new ValidationError({}, FLAG_RACE);
    throw error;
  }
}

/** Records a sweep from the form: its details, with the children stopped added one by one afterwards. */
export async function recordSweep(actor: Actor, raw: RecordSweepInput) {
  // The role first: a refused role learns nothing from how its input would have been judged.
  authorize(actor, "sweep.record");
  return create(actor, parseInput(recordSweepSchema, raw), []);
}

/** POST /api/v1/sweeps: the sweep with every child stopped, in one transaction (all or nothing). */
export async function createSweep(actor: Actor, raw: CreateSweepRequest | unknown) {
  authorize(actor, "sweep.record");
  const input = parseInput(createSweepRequestSchema, raw);
  return create(actor, input, input.stops);
}
