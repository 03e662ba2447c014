import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { sweepYield, totalsOf, type StopFeed, type StopOutcome, type ValidReason } from "@/lib/domain/sweeps";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { sweepScope } from "./sweep-scope";

const ID = /^[0-9a-f-]{36}$/i;

/**
 * One sweep in the actor's scope with every child stopped (the pupil's name and UPN when found in the authority,
 * otherwise the name and school as given), what each stop fed in casework, and the sweep's yield. Audited, since it
 * names children.
 */
export async function getSweep(actor: Actor, id: string) {
  authorize(actor, "sweep.read");
  if (!ID.test(id)) throw new NotFoundError("Sweep");
  const sweep = await db.truancySweep.findFirst({
    where: { AND: [sweepScope(actor), { id }] },
    include: { stops: { orderBy: { position: "asc" } } },
  });
  if (!sweep) throw new NotFoundError("Sweep");
  const pupilIds = sweep.stops.flatMap((s) => (s.pupilId ? [s.pupilId] : []));
  const [pupils, recorder] = await Promise.all([
    db.pupil.findMany({
      where: { authorityId: actor.authorityId, id: { in: pupilIds } },
      select: { id: true, upn: true, firstName: true, lastName: true },
    }),
    db.appUser.findFirst({ where: { id: sweep.recordedBy, authorityId: actor.authorityId }, select: { name: true } }),
  ]);
  const byId = new Map(pupils.map((p) => [p.id, p]));
  const stops = sweep.stops.map((s) => {
    const pupil = s.pupilId ? byId.get(s.pupilId) : undefined;
    return {
      id: s.id,
      position: s.position,
      pupil: pupil ? { id: pupil.id, upn: pupil.upn, name: `${pupil.firstName} ${pupil.lastName}` } : null,
      name: s.name,
      schoolUrn: s.schoolUrn,
      schoolGiven: s.schoolGiven,
      withParent: s.withParent,
      validReason: s.validReason as ValidReason,
      reason: s.reason,
      outcome: s.outcome as StopOutcome,
      feed: s.feed as StopFeed,
      caseId: s.caseId,
      flagId: s.flagId,
    };
  });
  const totals = totalsOf({
    policeQuarterHours: sweep.policeQuarterHours,
    staffQuarterHours: sweep.staffQuarterHours,
    stops,
  });
  await audit(actor, {
    action: "sweep.view",
    entityType: "sweep",
    entityId: sweep.id,
    detail: { stops: stops.length },
  });
  return {
    id: sweep.id,
    date: toIsoDate(sweep.sweepDate),
    startTime: sweep.startTime,
    endTime: sweep.endTime,
    area: sweep.area,
    policeOfficers: sweep.policeOfficers,
    policeQuarterHours: sweep.policeQuarterHours,
    staff: sweep.staff,
    staffQuarterHours: sweep.staffQuarterHours,
    notes: sweep.notes,
    recordedBy: recorder?.name ?? "A former user",
    mayAddStops: actor.role === "manager" || sweep.recordedBy === actor.id,
    stops,
    totals,
    yield: sweepYield(totals),
  };
}
