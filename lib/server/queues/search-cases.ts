import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CASE_STATE_LABELS, type CaseState } from "@/lib/domain/case-state";
import { toIsoDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { caseScope } from "../cases/case-scope";
import { dateOnly, db } from "../db";

export const CASE_SEARCH_LIMIT = 50;
const MAX_QUERY_LENGTH = 100;
const UPN_LIKE = /^[A-Z][0-9]{11}[0-9A-Z]$/;

export type CaseSearchResult =
  { ok: false; message: string } | { ok: true; q: string; total: number; cases: CaseSearchRow[] };

export type CaseSearchRow = {
  id: string;
  pupil: string;
  upn: string;
  school: string;
  officer: string;
  status: string;
  statusKey: string;
  openedOn: string;
  windowEnd: string | null;
};

/**
 * "Find a case": cases of any state (closed ones too) whose pupil matches a UPN (current or former) or every word
 * of a name, newest first, up to CASE_SEARCH_LIMIT. Officers and managers only, in caseScope; audited with the
 * search term and the number found. A blank or over-long search is refused with a message, and nothing is read.
 */
export async function searchCases(actor: Actor, raw: string): Promise<CaseSearchResult> {
  authorize(actor, "case.read");
  const q = raw.trim().replace(/\s+/g, " ");
  if (q === "") return { ok: false, message: "Enter a pupil's name or UPN" };
  if (q.length > MAX_QUERY_LENGTH) return { ok: false, message: `Enter ${MAX_QUERY_LENGTH} characters or fewer` };

  let match: Prisma.PupilWhereInput;
  if (UPN_LIKE.test(q.toUpperCase())) {
    const upn = q.toUpperCase();
    match = { OR: [{ upn }, { formerUpn: upn }] };
  } else {
    match = {
      AND: q
        .split(" ")
        .slice(0, 5)
        .map((w) => ({
          OR: [
            { firstName: { contains: w, mode: "insensitive" as const } },
            { lastName: { contains: w, mode: "insensitive" as const } },
            { middleNames: { contains: w, mode: "insensitive" as const } },
          ],
        })),
    };
  }
  const pupils = await db.pupil.findMany({
    where: { AND: [{ authorityId: actor.authorityId }, match] },
    select: {
      id: true,
      upn: true,
      firstName: true,
      lastName: true,
      enrolments: {
        select: { startDate: true, endDate: true, school: { select: { name: true } } },
        orderBy: [{ startDate: "desc" }, { id: "asc" }],
      },
    },
    take: 500,
  });
  const where: Prisma.AttendanceCaseWhereInput = {
    AND: [caseScope(actor), { pupilId: { in: pupils.map((p) => p.id) } }],
  };
  const [total, cases, officers] = await Promise.all([
    db.attendanceCase.count({ where }),
    db.attendanceCase.findMany({ where, orderBy: [{ openedOn: "desc" }, { id: "asc" }], take: CASE_SEARCH_LIMIT }),
    db.appUser.findMany({
      where: { authorityId: actor.authorityId, role: "officer" },
      select: { id: true, name: true },
    }),
  ]);
  await audit(actor, { action: "case.search", detail: { q, results: total } });

  const day = dateOnly(today());
  return {
    ok: true,
    q,
    total,
    cases: cases.map((c) => {
      const p = pupils.find((x) => x.id === c.pupilId)!;
      const enrolment =
        p.enrolments.find((e) => e.startDate <= day && (!e.endDate || e.endDate >= day)) ?? p.enrolments[0];
      return {
        id: c.id,
        pupil: `${p.lastName}, ${p.firstName}`,
        upn: p.upn,
        school: enrolment?.school.name ?? "Not on roll",
        officer: officers.find((o) => o.id === c.assignedOfficerId)?.name ?? "",
        status: CASE_STATE_LABELS[c.status as CaseState] ?? c.status,
        statusKey: c.status,
        openedOn: toIsoDate(c.openedOn),
        windowEnd: c.windowEnd ? toIsoDate(c.windowEnd) : null,
      };
    }),
  };
}
