import "server-only";
import type { AttendanceCase } from "@/lib/generated/prisma/client";
import { describeTarget, formatAddress, parentNames, type MergeValues } from "@/lib/domain/letters";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { academicYearStart } from "@/lib/domain/school-calendar";
import { figures, pupilCounts } from "../attendance/attendance-figures";
import { dateOnly, type Tx } from "../db";
import { pgPool } from "../pg";
import { caseReference } from "./letter-pdf";

export type MeetingDetails = { date?: string; time?: string; place?: string };

/**
 * The values for one letter on a case, as of the day it is sent. Figures cover the Fast Track window so far
 * when it has started (up to the sending date or the window's end), otherwise the school year so far, from the
 * live register at every school. Values the case cannot supply (no window yet, no meeting given) are left out,
 * so missingFields can name them.
 */
export async function caseMergeValues(tx: Tx, kase: AttendanceCase, sentOn: string, meeting: MeetingDetails) {
  const [pupil, authority, officer, enrolment, parties] = await Promise.all([
    tx.pupil.findFirstOrThrow({ where: { id: kase.pupilId, authorityId: kase.authorityId } }),
    tx.authority.findUniqueOrThrow({ where: { id: kase.authorityId } }),
    tx.appUser.findFirst({
      where: { id: kase.assignedOfficerId, authorityId: kase.authorityId },
      select: { name: true, email: true },
    }),
    tx.enrolment.findFirst({
      where: { pupilId: kase.pupilId, authorityId: kase.authorityId, startDate: { lte: dateOnly(sentOn) } },
      orderBy: [{ startDate: "desc" }],
      include: { school: true },
    }),
    tx.caseParty.findMany({ where: { caseId: kase.id } }),
  ]);
  const parents = await tx.parent.findMany({
    where: { id: { in: parties.map((p) => p.parentId) }, authorityId: kase.authorityId },
  });

  const windowStart = kase.windowStart ? toIsoDate(kase.windowStart) : null;
  const windowEnd = kase.windowEnd ? toIsoDate(kase.windowEnd) : null;
  const inWindow = windowStart !== null && windowEnd !== null && windowStart <= sentOn;
  const from = inWindow ? windowStart : `${academicYearStart(sentOn)}-09-01`;
  const to = inWindow && windowEnd < sentOn ? windowEnd : sentOn;
  const f = figures(await pupilCounts(pgPool(), pupil.id, from, to, null));

  const common: MergeValues = {
    "pupil.name": `${pupil.firstName} ${pupil.lastName}`,
    "pupil.firstName": pupil.firstName,
    "pupil.dateOfBirth": formatUkDate(toIsoDate(pupil.dateOfBirth)),
    "school.name": enrolment?.school.name ?? "",
    "authority.name": authority.name,
    "case.reference": caseReference(kase.id),
    "case.openedOn": formatUkDate(toIsoDate(kase.openedOn)),
    "letter.date": formatUkDate(sentOn),
    "figures.period": `${formatUkDate(from)} to ${formatUkDate(to)}`,
    "figures.attendancePct": f.attendanceRate === null ? "not yet recorded" : `${f.attendanceRate}%`,
    "figures.unauthorisedSessions": String(f.unauthorised),
    "figures.possibleSessions": String(f.possible),
    "officer.name": officer?.name ?? "",
    "officer.email": officer?.email ?? "",
  };
  if (windowStart && windowEnd) {
    common["case.windowStart"] = formatUkDate(windowStart);
    common["case.windowEnd"] = formatUkDate(windowEnd);
    common["case.target"] = describeTarget({
      minAttendancePct: kase.targetMinAttendanceTenths === null ? null : kase.targetMinAttendanceTenths / 10,
      maxUnauthorisedSessions: kase.targetMaxUnauthorised,
    });
  }
  if (meeting.date) common["meeting.date"] = formatUkDate(meeting.date);
  if (meeting.time) common["meeting.time"] = meeting.time;
  if (meeting.place) common["meeting.place"] = meeting.place;

  /** The values for the letter to one party. */
  const forParent = (parentId: string): MergeValues | null => {
    const parent = parents.find((p) => p.id === parentId);
    if (!parent) return null;
    const names = parentNames(parent);
    return {
      ...common,
      "parent.name": names.name,
      "parent.salutation": names.salutation,
      "parent.address": formatAddress([parent.addressLine1, parent.addressLine2, parent.town, parent.postcode]),
    };
  };
  return {
    partyIds: parties.map((p) => p.parentId),
    forParent,
    nameOf: (parentId: string) => {
      const p = parents.find((x) => x.id === parentId);
      return p ? parentNames(p).name : "";
    },
  };
}
