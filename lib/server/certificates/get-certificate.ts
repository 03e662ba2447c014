import "server-only";
import { certificateSessions } from "@/lib/domain/attendance-certificate";
import { toIsoDate } from "@/lib/domain/dates";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { compareEvidenceWithRegister } from "../decisions/compare-evidence-with-register";
import { NotFoundError } from "../errors";
import { assertCertificateAccess, certificateSchoolId, loadCertificateContext } from "./certificate-context";

export type CertificateView = Awaited<ReturnType<typeof getCertificate>>;

/**
 * One s.566 certificate as built from the frozen evidence (for the page, the PDF and the API): the pupil, the school,
 * the period relied on, every session with its meaning and the totals, the evidence hash, the signature if recorded,
 * and whether the live register has changed since the evidence was frozen. Scoped by assertCertificateAccess
 * (school staff: their own school's certificates only); audited.
 */
export async function getCertificate(
  actor: Actor,
  evidenceId: string,
  options: { schoolId?: string | null; via?: "page" | "pdf" | "api" } = {},
) {
  const context = await loadCertificateContext(evidenceId, actor.authorityId);
  if (!context) throw new NotFoundError("Certificate");
  const schoolId = certificateSchoolId(actor, context, options.schoolId);
  assertCertificateAccess(actor, context, schoolId, "read");
  const school = context.schools.find((s) => s.id === schoolId)!;
  const { sessions, totals } = certificateSessions(context.evidence.marks, context.period, school.enrolments);
  const signed = context.certificates.find((c) => c.schoolId === schoolId) ?? null;
  const liveRegister = await compareEvidenceWithRegister(context.evidence.id);
  await audit(actor, {
    action: "certificate.view",
    entityType: "evidence",
    entityId: context.evidence.id,
    detail: { schoolId, via: options.via ?? "page" },
  });
  const awaiting = context.referrals.some((r) => r.status === "awaiting_review");
  return {
    evidenceId: context.evidence.id,
    contentHash: context.evidence.contentHash,
    frozenAt: context.evidence.frozenAt,
    referralIds: context.referrals.map((r) => r.id),
    caseId: context.referrals[0]!.caseId,
    awaitingReview: awaiting,
    pupil: {
      name: `${context.pupil.firstName} ${context.pupil.lastName}`,
      upn: context.pupil.upn,
      dateOfBirth: toIsoDate(context.pupil.dateOfBirth),
    },
    school: { id: school.id, name: school.name, urn: school.urn },
    schools: context.schools.map((s) => ({ id: s.id, name: s.name })),
    period: context.period,
    sessions,
    totals,
    signature: signed
      ? {
          id: signed.id,
          signedBy: signed.signedBy,
          signedOn: toIsoDate(signed.signedOn),
          recordedAs: signed.recordedAs as "school" | "officer",
          hasScan: signed.scanSha256 !== null,
          scanSha256: signed.scanSha256,
          recordedAt: signed.createdAt,
        }
      : null,
    liveRegister,
  };
}
