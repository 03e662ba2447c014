import "server-only";
import { createHash } from "node:crypto";
import { isPdf, MAX_SCAN_BYTES, validateCertificateSignature } from "@/lib/domain/attendance-certificate";
import { today } from "@/lib/env";
import { recordCertificateSchema, type RecordCertificateInput } from "@/lib/schemas/certificates";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { parseInput } from "../cases/parse-input";
import { dateOnly, db } from "../db";
import { ValidationError, type FieldErrors } from "../errors";
import { assertCertificateAccess, certificateSchoolId, loadCertificateContext } from "./certificate-context";
import { isUniqueViolation } from "../cases/is-unique-violation";

/**
 * Records the head teacher's signature on the s.566 certificate for one school's register (who signed and when),
 * with an optional scan of the signed paper as a PDF, kept with its SHA-256. School staff record it for their own
 * school; the case's officer or a manager records a signed paper copy on the school's behalf. Only while a
 * referral on the evidence awaits review, once per school; the certificate's hash is the frozen evidence's (the
 * database's composite key holds that too). Audited; refusals save nothing.
 */
export async function recordCertificate(actor: Actor, raw: RecordCertificateInput, scan?: Uint8Array | null) {
  const input = parseInput(recordCertificateSchema, raw);
  return db.$transaction(async (tx) => {
    const context = await loadCertificateContext(input.evidenceId, actor.authorityId, tx);
    if (!context) throw new ValidationError({}, "There is no referral relying on this evidence");
    const schoolId = certificateSchoolId(actor, context, input.schoolId);
    assertCertificateAccess(actor, context, schoolId, "record");
    if (!context.referrals.some((r) => r.status === "awaiting_review"))
      throw new ValidationError({}, "The certificate can be recorded only while a referral on it awaits review");
    if (context.certificates.some((c) => c.schoolId === schoolId))
      throw new ValidationError({}, "The certificate for this school has already been recorded");
    const errors: FieldErrors = {};
    for (const p of validateCertificateSignature(input, { periodEnd: context.period.end, today: today() }))
      (errors[p.field] ??= []).push(p.message);
    if (scan && scan.length > 0) {
      if (!isPdf(scan)) (errors.scan ??= []).push("The signed scan must be a PDF file");
      else if (scan.length > MAX_SCAN_BYTES) (errors.scan ??= []).push("The signed scan must be 10 MB or smaller");
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const bytes = scan && scan.length > 0 ? scan : null;
    const sha256 = bytes ? createHash("sha256").update(bytes).digest("hex") : null;
    try {
      const row = await tx.attendanceCertificate.create({
        data: {
          authorityId: actor.authorityId,
          evidenceId: context.evidence.id,
          contentHash: context.evidence.contentHash,
          schoolId,
          periodStart: dateOnly(context.period.start),
          periodEnd: dateOnly(context.period.end),
          signedBy: input.signedBy.trim(),
          signedOn: dateOnly(input.signedOn),
          recordedAs: actor.role === "school" ? "school" : "officer",
          recordedBy: actor.id,
          scan: bytes ? Buffer.from(bytes) : null,
          scanSha256: sha256,
        },
      });
      await audit(
        actor,
        {
          action: "certificate.record",
          entityType: "evidence",
          entityId: context.evidence.id,
          detail: {
            certificateId: row.id,
            schoolId,
            signedBy: row.signedBy,
            signedOn: input.signedOn,
            contentHash: context.evidence.contentHash,
            scanSha256: sha256,
          },
        },
        tx,
      );
      return row;
    } catch (error) {
      if (isUniqueViolation(error, "attendance_certificate_one_per_school"))
        throw new ValidationError({}, "The certificate for this school has already been recorded");
      throw error;
    }
  });
}
