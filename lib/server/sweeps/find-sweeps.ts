import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { academicYearStart } from "@/lib/domain/school-calendar";
import {
  addTotals,
  EMPTY_TOTALS,
  PRESS_FIGURE_2005,
  pressFigureYield,
  sweepYield,
  totalsOf,
  type SweepTotals,
  type ValidReason,
} from "@/lib/domain/sweeps";
import { sweepRangeSchema } from "@/lib/schemas/sweeps";
import { authorize, type Actor } from "../actor";
import { db, dateOnly } from "../db";
import { parseInput } from "../cases/parse-input";
import { sweepScope } from "./sweep-scope";

export type SweepSummary = {
  id: string;
  date: string;
  startTime: string | null;
  endTime: string | null;
  area: string;
  policeOfficers: number;
  staff: number;
  recordedBy: string;
  totals: SweepTotals;
  yield: ReturnType<typeof sweepYield>;
};

/**
 * The sweeps in the actor's scope between `from` and `to` (both optional, inclusive), newest first, each with its
 * totals and yield; the totals and yield of them all; the same per academic year (a year's yield is the ratio of its
 * sums); and the 2005 press figure to read them against.
 */
export async function findSweeps(actor: Actor, range: { from?: string; to?: string } = {}) {
  authorize(actor, "sweep.read");
  const { from, to } = parseInput(sweepRangeSchema, range);
  const sweeps = await db.truancySweep.findMany({
    where: {
      AND: [
        sweepScope(actor),
        from ? { sweepDate: { gte: dateOnly(from) } } : {},
        to ? { sweepDate: { lte: dateOnly(to) } } : {},
      ],
    },
    include: { stops: { select: { validReason: true, withParent: true } } },
    orderBy: [{ sweepDate: "desc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  const users = await db.appUser.findMany({
    where: { id: { in: [...new Set(sweeps.map((s) => s.recordedBy))] }, authorityId: actor.authorityId },
    select: { id: true, name: true },
  });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const summaries: SweepSummary[] = sweeps.map((s) => {
    const totals = totalsOf({
      policeQuarterHours: s.policeQuarterHours,
      staffQuarterHours: s.staffQuarterHours,
      stops: s.stops.map((st) => ({ validReason: st.validReason as ValidReason, withParent: st.withParent })),
    });
    return {
      id: s.id,
      date: toIsoDate(s.sweepDate),
      startTime: s.startTime,
      endTime: s.endTime,
      area: s.area,
      policeOfficers: s.policeOfficers,
      staff: s.staff,
      recordedBy: names.get(s.recordedBy) ?? "A former user",
      totals,
      yield: sweepYield(totals),
    };
  });
  const all = summaries.reduce((t, s) => addTotals(t, s.totals), EMPTY_TOTALS);
  const byYear = new Map<number, SweepTotals>();
  for (const s of summaries) {
    const year = academicYearStart(s.date);
    byYear.set(year, addTotals(byYear.get(year) ?? EMPTY_TOTALS, s.totals));
  }
  return {
    from: from ?? null,
    to: to ?? null,
    sweeps: summaries,
    totals: { totals: all, yield: sweepYield(all) },
    years: [...byYear.entries()]
      .sort(([a], [b]) => b - a)
      .map(([year, totals]) => ({
        year,
        label: `${year}/${String((year + 1) % 100).padStart(2, "0")}`,
        totals,
        yield: sweepYield(totals),
      })),
    press: {
      label: PRESS_FIGURE_2005.label,
      source: PRESS_FIGURE_2005.source,
      yield: pressFigureYield(),
    },
  };
}
