import "server-only";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { queryPupilsAtRisk, type AtRiskFilters } from "./find-pupils-at-risk";

/**
 * Every pupil in the at-risk queue with these filters (all pages), for a download. A download takes children's
 * details out of the service, so it is audited with the filters used and the number of pupils.
 */
export async function exportPupilsAtRisk(actor: Actor, filters: Omit<AtRiskFilters, "page">) {
  const first = await queryPupilsAtRisk(actor, { ...filters, page: 1 });
  const pupils = [...first.pupils];
  for (let page = 2; page <= first.pageCount; page++)
    pupils.push(...(await queryPupilsAtRisk(actor, { ...filters, page })).pupils);
  await audit(actor, {
    action: "attendance.export",
    entityType: "authority",
    entityId: actor.authorityId,
    detail: {
      report: "pupils-at-risk",
      schoolId: filters.schoolId ?? null,
      yearGroup: filters.yearGroup ?? null,
      pupils: pupils.length,
    },
  });
  return { academicYear: first.academicYear, calendarMissing: first.calendarMissing, pupils };
}
