import "server-only";
import { roundedPercent } from "@/lib/domain/attendance-rates";
import { academicYearOf, academicYearStart } from "@/lib/domain/school-calendar";
import { today } from "@/lib/env";
import type { PupilSearchInput } from "@/lib/schemas/pupil";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db, dateOnly } from "../db";
import { ForbiddenError } from "../errors";
import { PUPILS_PER_PAGE } from "./find-pupils";
import { pupilScope } from "./pupil-scope";

const UPN_LIKE = /^[A-Z][0-9]{11}[0-9A-Z]$/;

export type SchoolPupilRow = {
  id: string;
  upn: string;
  upnTemporary: boolean;
  firstName: string;
  lastName: string;
  dateOfBirth: Date;
  yearGroup: string;
  /** Attendance at this school this academic year, to one decimal place; null before any possible session. */
  attendancePct: number | null;
  possible: number;
};

/**
 * School staff's "Our pupils" (issue 15): the pupils on roll at their school today, searched by name or UPN, filtered
 * by year group, with each one's attendance at the school this academic year (from the register's yearly summary),
 * sorted by name or by attendance (lowest first, or highest). The whole school's roll is read, then sorted and cut
 * into pages: a school has hundreds of pupils, not hundreds of thousands. A search is audited, as any pupil search.
 */
export async function findSchoolPupils(actor: Actor, input: PupilSearchInput) {
  authorize(actor, "pupil.search");
  if (actor.role !== "school" || !actor.schoolId) throw new ForbiddenError();
  const term = input.q.trim();
  const day = today();
  const upn = term.toUpperCase();
  const match = UPN_LIKE.test(upn)
    ? { OR: [{ upn }, { formerUpn: upn }] }
    : term
      ? {
          AND: term
            .split(/\s+/)
            .slice(0, 5)
            .map((w) => ({
              OR: [
                { firstName: { contains: w, mode: "insensitive" as const } },
                { lastName: { contains: w, mode: "insensitive" as const } },
                { middleNames: { contains: w, mode: "insensitive" as const } },
              ],
            })),
        }
      : {};
  const pupils = await db.pupil.findMany({
    where: { AND: [pupilScope(actor), match] },
    select: {
      id: true,
      storeKey: true,
      upn: true,
      upnTemporary: true,
      firstName: true,
      lastName: true,
      dateOfBirth: true,
      enrolments: {
        where: {
          schoolId: actor.schoolId,
          startDate: { lte: dateOnly(day) },
          OR: [{ endDate: null }, { endDate: { gte: dateOnly(day) } }],
        },
        select: { yearGroup: true },
        take: 1,
      },
    },
  });
  // The register store keys pupils and schools by their integer store keys (ADR 050).
  const school = await db.school.findFirst({
    where: { id: actor.schoolId!, authorityId: actor.authorityId },
    select: { storeKey: true },
  });
  const years = school
    ? await db.attendancePupilYear.findMany({
        where: {
          authorityId: actor.authorityId,
          schoolKey: school.storeKey,
          academicYear: academicYearStart(day),
          pupilKey: { in: pupils.map((p) => p.storeKey) },
        },
        select: { pupilKey: true, possible: true, present: true, approvedActivity: true },
      })
    : [];
  const rows: SchoolPupilRow[] = pupils
    .map((p) => {
      const y = years.find((r) => r.pupilKey === p.storeKey);
      return {
        id: p.id,
        upn: p.upn,
        upnTemporary: p.upnTemporary,
        firstName: p.firstName,
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth,
        yearGroup: p.enrolments[0]?.yearGroup ?? "",
        attendancePct: y && y.possible > 0 ? roundedPercent(y.present + y.approvedActivity, y.possible) : null,
        possible: y?.possible ?? 0,
      };
    })
    .filter((r) => !input.year || r.yearGroup === input.year);
  const collator = new Intl.Collator("en-GB", { sensitivity: "base" });
  const byName = (a: SchoolPupilRow, b: SchoolPupilRow) =>
    collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName) || (a.id < b.id ? -1 : 1);
  const sign = input.dir === "desc" ? -1 : 1;
  rows.sort((a, b) => {
    if (input.sort === "attendance") {
      // Pupils with no sessions yet go last whichever way.
      if (a.attendancePct === null || b.attendancePct === null) {
        return a.attendancePct === b.attendancePct ? byName(a, b) : a.attendancePct === null ? 1 : -1;
      }
      return sign * (a.attendancePct - b.attendancePct) || byName(a, b);
    }
    return sign * byName(a, b);
  });
  const total = rows.length;
  const pageCount = Math.max(1, Math.ceil(total / PUPILS_PER_PAGE));
  const page = Math.min(input.page, pageCount);
  if (term) await audit(actor, { action: "pupil.search", detail: { q: term, results: total } });
  return {
    total,
    page,
    pageCount,
    academicYear: academicYearOf(day),
    pupils: rows.slice((page - 1) * PUPILS_PER_PAGE, page * PUPILS_PER_PAGE),
  };
}
