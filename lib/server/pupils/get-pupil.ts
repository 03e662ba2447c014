import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import type { Actor } from "../actor";
import { authorize } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { pupilScope } from "./pupil-scope";

export type PupilDetail = Awaited<ReturnType<typeof getPupil>>;

/**
 * One pupil with enrolments and parents/carers, found by id or UPN within the actor's scope; out of scope is
 * NotFoundError. Each read is recorded in the audit log.
 */
export async function getPupil(
  actor: Actor,
  by: { id: string } | { upn: string },
  via: "page" | "api" = "page",
  reason?: string,
) {
  authorize(actor, "pupil.read");
  const key =
    "id" in by ? (/^[0-9a-f-]{36}$/i.test(by.id) ? { id: by.id } : null) : { upn: by.upn.trim().toUpperCase() };
  if (!key) throw new NotFoundError("Pupil");
  const pupil = await db.pupil.findFirst({
    where: { AND: [pupilScope(actor), key] },
    include: {
      enrolments: { include: { school: true }, orderBy: [{ startDate: "desc" }, { id: "asc" }] },
      parents: {
        include: { parent: true },
        orderBy: [{ parentalResponsibility: "desc" }, { relationship: "asc" }, { parentId: "asc" }],
      },
    },
  });
  if (!pupil) throw new NotFoundError("Pupil");
  await audit(actor, { action: "pupil.view", entityType: "pupil", entityId: pupil.id, reason, detail: { via } });
  return {
    id: pupil.id,
    upn: pupil.upn,
    upnTemporary: pupil.upnTemporary,
    formerUpn: pupil.formerUpn,
    firstName: pupil.firstName,
    middleNames: pupil.middleNames,
    lastName: pupil.lastName,
    dateOfBirth: toIsoDate(pupil.dateOfBirth),
    sex: pupil.sex,
    enrolments: pupil.enrolments.map((e) => ({
      id: e.id,
      schoolUrn: e.school.urn,
      schoolName: e.school.name,
      startDate: toIsoDate(e.startDate),
      endDate: e.endDate ? toIsoDate(e.endDate) : null,
      yearGroup: e.yearGroup,
    })),
    parents: pupil.parents.map((link) => ({
      id: link.parent.id,
      title: link.parent.title,
      firstName: link.parent.firstName,
      lastName: link.parent.lastName,
      relationship: link.relationship,
      parentalResponsibility: link.parentalResponsibility,
      livesWithPupil: link.livesWithPupil,
      address: {
        line1: link.parent.addressLine1,
        line2: link.parent.addressLine2,
        town: link.parent.town,
        postcode: link.parent.postcode,
      },
      phone: link.parent.phone,
      email: link.parent.email,
    })),
  };
}
