import "server-only";
import { canChangeCase } from "@/lib/domain/case-rules";
import type { CaseState } from "@/lib/domain/case-state";
import { toIsoDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import type { AttendanceCertificate, Prisma, Pupil } from "@/lib/generated/prisma/client";
import type { Actor } from "../actor";
import { db, type Tx } from "../db";
import { ForbiddenError, NotFoundError } from "../errors";
import { readMarks } from "../referrals/referral-figures";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type CertificateSchool = {
  id: string;
  name: string;
  urn: number;
  /** The pupil's enrolment ranges at this school. */
  enrolments: { start: string; end: string | null }[];
};

export type CertificateContext = Awaited<ReturnType<typeof loadCertificateContext>>;

/**
 * Everything a s.566 certificate is built from, for one frozen evidence snapshot: the snapshot (marks, hash), the
 * referrals that rely on it, the pupil, the period relied on (the referrals' period), the schools whose registers
 * it relies on (the daily job's grounds; for older evidence, the pupil's enrolments over the period), and the
 * certificates already recorded. Not scoped: callers check access with assertCertificateAccess. null when the
 * snapshot is not in this authority or no referral relies on it.
 */
export async function loadCertificateContext(evidenceId: string, authorityId: string, tx: Tx = db) {
  return (await loadCertificateContexts([evidenceId], authorityId, tx)).get(evidenceId) ?? null;
}

/**
 * loadCertificateContext for many snapshots in four statements whatever their number (the referral queue's), so
 * that a long queue does not fan out into one burst of statements per referral on the pool. Keyed by evidence id;
 * a snapshot that is not in this authority, or that no referral relies on, is absent.
 */
export async function loadCertificateContexts(evidenceIds: readonly string[], authorityId: string, tx: Tx = db) {
  const ids = [...new Set(evidenceIds.filter((id) => UUID.test(id)))];
  const contexts = new Map<string, ReturnType<typeof buildContext>>();
  if (ids.length === 0) return contexts;
  const found = await tx.evidenceSnapshot.findMany({
    where: { id: { in: ids }, authorityId },
    include: {
      referrals: { include: { kase: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      decisions: true,
    },
  });
  const relied = found.filter((e) => e.referrals.length > 0);
  if (relied.length === 0) return contexts;
  const pupilIds = [...new Set(relied.map((e) => e.pupilId))];
  const [pupils, enrolments, certificates] = await Promise.all([
    tx.pupil.findMany({ where: { id: { in: pupilIds }, authorityId } }),
    tx.enrolment.findMany({
      where: { pupilId: { in: pupilIds }, authorityId },
      include: { school: true },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
    }),
    tx.attendanceCertificate.findMany({
      where: { authorityId, evidenceId: { in: relied.map((e) => e.id) } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  for (const evidence of relied) {
    const pupil = pupils.find((p) => p.id === evidence.pupilId);
    if (!pupil) throw new Error(`The pupil of evidence ${evidence.id} is not in its authority`);
    contexts.set(
      evidence.id,
      buildContext(
        authorityId,
        evidence,
        pupil,
        enrolments.filter((e) => e.pupilId === pupil.id),
        certificates.filter((c) => c.evidenceId === evidence.id),
      ),
    );
  }
  return contexts;
}

type EvidenceWithReferrals = Prisma.EvidenceSnapshotGetPayload<{
  include: { referrals: { include: { kase: true } }; decisions: true };
}>;
type EnrolmentWithSchool = Prisma.EnrolmentGetPayload<{ include: { school: true } }>;

function buildContext(
  authorityId: string,
  evidence: EvidenceWithReferrals,
  pupil: Pupil,
  enrolments: EnrolmentWithSchool[],
  certificates: AttendanceCertificate[],
) {
  const period = {
    start: toIsoDate(evidence.referrals[0]!.periodStart),
    end: toIsoDate(evidence.referrals[0]!.periodEnd),
  };
  const grounds = evidence.decisions[0]?.figures as { grounds?: { schoolIds?: string[] } } | undefined;
  const overlapping = enrolments.filter(
    (e) => toIsoDate(e.startDate) <= period.end && (e.endDate === null || toIsoDate(e.endDate) >= period.start),
  );
  const schoolIds = grounds?.grounds?.schoolIds ?? [...new Set(overlapping.map((e) => e.schoolId))];
  const schools: CertificateSchool[] = schoolIds.flatMap((id) => {
    const mine = enrolments.filter((e) => e.schoolId === id);
    const school = mine[0]?.school;
    if (!school) return [];
    return [
      {
        id,
        name: school.name,
        urn: school.urn,
        enrolments: mine.map((e) => ({ start: toIsoDate(e.startDate), end: e.endDate ? toIsoDate(e.endDate) : null })),
      },
    ];
  });
  return {
    evidence: {
      id: evidence.id,
      authorityId,
      contentHash: evidence.contentHash,
      marks: readMarks(evidence).map((m) => ({
        ...m,
        session: m.session === "PM" ? ("PM" as const) : ("AM" as const),
      })),
      frozenAt: evidence.createdAt,
    },
    referrals: evidence.referrals,
    pupil,
    period,
    schools,
    certificates,
  };
}

/**
 * Who may see (and, with `record`, sign) a certificate: officers and managers of the authority; school staff only
 * for their own school's register. Recording: school staff of that school, the case's assigned officer or a
 * manager (a signed paper copy on the school's behalf), while a referral on it is awaiting review. Out of scope is
 * NotFoundError; in scope but not allowed to record is ForbiddenError.
 */
export function assertCertificateAccess(
  actor: Actor,
  context: NonNullable<CertificateContext>,
  schoolId: string,
  mode: "read" | "record",
): void {
  if (!can(actor, mode === "read" ? "certificate.read" : "certificate.record")) throw new NotFoundError("Certificate");
  if (!context.schools.some((s) => s.id === schoolId)) throw new NotFoundError("Certificate");
  if (actor.role === "school") {
    if (actor.schoolId !== schoolId) throw new NotFoundError("Certificate");
    return;
  }
  if (mode === "record") {
    const mayChange = context.referrals.some(
      (r) =>
        canChangeCase(
          { id: actor.id, role: actor.role },
          { assignedOfficerId: r.kase.assignedOfficerId, status: r.kase.status as CaseState },
        ).ok,
    );
    if (!mayChange)
      throw new ForbiddenError("Only the officer assigned to the case, or a manager, can record the certificate");
  }
}

/** The school a request means: the one given, or the only school relied on; for school staff, their own. */
export function certificateSchoolId(
  actor: Actor,
  context: NonNullable<CertificateContext>,
  requested?: string | null,
): string {
  if (requested) return requested;
  if (actor.role === "school" && actor.schoolId) return actor.schoolId;
  if (context.schools.length === 1) return context.schools[0]!.id;
  throw new NotFoundError("Certificate");
}

/** The evidence a referral relies on, for the API's referral-keyed certificate routes (no referral scope: school
 * staff reach the certificate, never the referral). */
export async function evidenceOfReferral(actor: Actor, referralId: string): Promise<string> {
  // The role first: a role that may not see certificates learns nothing about which referrals exist.
  if (!can(actor, "certificate.read")) throw new ForbiddenError();
  if (!UUID.test(referralId)) throw new NotFoundError("Certificate");
  const referral = await db.prosecutionReferral.findFirst({
    where: { id: referralId, authorityId: actor.authorityId },
    select: { evidenceId: true },
  });
  if (!referral) throw new NotFoundError("Certificate");
  if (actor.role === "school") {
    // School staff reach only certificates that rely on their own school's register, before any input is judged.
    const context = await loadCertificateContext(referral.evidenceId, actor.authorityId);
    if (!context?.schools.some((s) => s.id === actor.schoolId)) throw new NotFoundError("Certificate");
  }
  return referral.evidenceId;
}
