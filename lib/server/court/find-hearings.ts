import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { hearingStage } from "@/lib/domain/hearings";
import { today } from "@/lib/env";
import type { HearingType } from "@/lib/schemas/referrals";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { referralScope } from "../referrals/referral-scope";
import type { HearingFilterProblem, HearingFilters } from "./hearing-filters";

export type HearingRow = {
  id: string;
  date: string;
  time: string | null;
  courtId: string | null;
  courtName: string;
  type: HearingType;
  adjourned: boolean;
  referralId: string;
  caseId: string;
  pupilName: string;
  parentName: string;
};

/**
 * The court lists (issue 15): "upcoming", hearings from today on whose referral has no outcome yet, soonest first;
 * "awaiting", each referral's latest hearing once it has passed with no outcome recorded (an adjourned one waits for
 * the next listing), oldest first. Both filtered by court, type and a date range; both counted for the tabs.
 * Officers and managers of the authority (referralScope); audited.
 */
export async function findHearings(actor: Actor, filters: HearingFilters, problems: HearingFilterProblem[] = []) {
  authorize(actor, "referral.read");
  const day = today();
  const referrals = await db.prosecutionReferral.findMany({
    where: { AND: [referralScope(actor), { status: { in: ["approved", "concluded"] } }] },
    select: {
      id: true,
      caseId: true,
      parentId: true,
      kase: { select: { pupilId: true } },
      hearings: true,
      outcomes: { select: { id: true } },
    },
  });
  const courts = await db.court.findMany({ where: { authorityId: actor.authorityId }, select: { id: true } });
  const allProblems = [...problems];
  let court = filters.court;
  if (court && !courts.some((c) => c.id === court)) {
    allProblems.push({ field: "court", message: "Choose a court from the list. Showing every court." });
    court = "";
  }

  const lists: Record<"upcoming" | "awaiting", (HearingRow & { pupilId: string; parentId: string })[]> = {
    upcoming: [],
    awaiting: [],
  };
  for (const r of referrals) {
    const hearings = r.hearings.map((h) => ({
      id: h.id,
      date: toIsoDate(h.hearingDate),
      createdAt: h.createdAt.toISOString(),
    }));
    for (const h of r.hearings) {
      const date = toIsoDate(h.hearingDate);
      const stage = hearingStage({ id: h.id, date }, { hasOutcome: r.outcomes.length > 0, hearings }, day);
      if (stage === "none") continue;
      if (court && h.courtId !== court) continue;
      if (filters.type && h.hearingType !== filters.type) continue;
      if (filters.from && date < filters.from) continue;
      if (filters.to && date > filters.to) continue;
      lists[stage === "upcoming" ? "upcoming" : "awaiting"].push({
        id: h.id,
        date,
        time: h.hearingTime,
        courtId: h.courtId,
        courtName: h.courtName,
        type: h.hearingType as HearingType,
        adjourned: h.adjourned,
        referralId: r.id,
        caseId: r.caseId,
        pupilId: r.kase.pupilId,
        parentId: r.parentId,
        pupilName: "",
        parentName: "",
      });
    }
  }
  // By day and time, then by hearing (two parents are often heard at the same sitting), so that the order is total.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const byWhen = (a: HearingRow, b: HearingRow) =>
    cmp(a.date, b.date) || cmp(a.time ?? "", b.time ?? "") || cmp(a.id, b.id);
  lists.upcoming.sort(byWhen);
  lists.awaiting.sort(byWhen);
  const rows = lists[filters.list];
  const [pupils, parents] = await Promise.all([
    db.pupil.findMany({
      where: { authorityId: actor.authorityId, id: { in: rows.map((h) => h.pupilId) } },
      select: { id: true, firstName: true, lastName: true },
    }),
    db.parent.findMany({
      where: { authorityId: actor.authorityId, id: { in: rows.map((h) => h.parentId) } },
      select: { id: true, firstName: true, lastName: true },
    }),
  ]);
  await audit(actor, {
    action: "hearing.list",
    entityType: "hearing",
    detail: {
      list: filters.list,
      court: court || null,
      type: filters.type || null,
      from: filters.from || null,
      to: filters.to || null,
      count: rows.length,
    },
  });
  return {
    today: day,
    counts: { upcoming: lists.upcoming.length, awaiting: lists.awaiting.length },
    problems: allProblems,
    rows: rows.map(({ pupilId, parentId, ...h }) => {
      const pupil = pupils.find((p) => p.id === pupilId);
      const parent = parents.find((p) => p.id === parentId);
      return {
        ...h,
        pupilName: pupil ? `${pupil.firstName} ${pupil.lastName}` : "",
        parentName: parent ? `${parent.firstName} ${parent.lastName}` : "",
      };
    }),
  };
}
