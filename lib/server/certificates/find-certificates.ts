import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { loadCertificateContext } from "./certificate-context";

export type CertificateListItem = {
  evidenceId: string;
  schoolId: string;
  schoolName: string;
  pupilName: string;
  upn: string;
  periodStart: string;
  periodEnd: string;
  signed: { signedBy: string; signedOn: string } | null;
};

/**
 * The certificates referrals awaiting review need: for school staff, those relying on their own school's register
 * (waiting first, then signed); for officers and managers, the authority's. Audited as one list read.
 */
export async function findCertificates(actor: Actor): Promise<CertificateListItem[]> {
  authorize(actor, "certificate.read");
  const evidenceIds = (
    await db.prosecutionReferral.findMany({
      where: { authorityId: actor.authorityId, status: "awaiting_review" },
      select: { evidenceId: true },
      distinct: ["evidenceId"],
    })
  ).map((r) => r.evidenceId);
  const items: CertificateListItem[] = [];
  for (const evidenceId of evidenceIds) {
    const context = await loadCertificateContext(evidenceId, actor.authorityId);
    if (!context) continue;
    for (const school of context.schools) {
      if (actor.role === "school" && actor.schoolId !== school.id) continue;
      const signed = context.certificates.find((c) => c.schoolId === school.id);
      items.push({
        evidenceId,
        schoolId: school.id,
        schoolName: school.name,
        pupilName: `${context.pupil.firstName} ${context.pupil.lastName}`,
        upn: context.pupil.upn,
        periodStart: context.period.start,
        periodEnd: context.period.end,
        signed: signed ? { signedBy: signed.signedBy, signedOn: toIsoDate(signed.signedOn) } : null,
      });
    }
  }
  items.sort(
    (a, b) =>
      Number(a.signed !== null) - Number(b.signed !== null) ||
      a.periodEnd.localeCompare(b.periodEnd) ||
      a.pupilName.localeCompare(b.pupilName) ||
      // Then by evidence and school (one item each), so that the order is total.
      a.evidenceId.localeCompare(b.evidenceId) ||
      a.schoolId.localeCompare(b.schoolId),
  );
  await audit(actor, { action: "certificate.list", entityType: "certificate", detail: { count: items.length } });
  return items;
}
