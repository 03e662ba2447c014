import "server-only";
import type { z } from "zod";
import { caseEventRequest, lettersResponse, produceLettersRequest, referralDetailResponse } from "@/lib/schemas/api";
import { certificateRequest } from "@/lib/schemas/certificates";
import { authorize, type Actor } from "../actor";
import { addCaseEvent } from "../cases/add-case-event";
import { caseScope } from "../cases/case-scope";
import { parseInput } from "../cases/parse-input";
import { evidenceOfReferral, loadCertificateContext } from "../certificates/certificate-context";
import { recordCertificate } from "../certificates/record-certificate";
import { db } from "../db";
import { NotFoundError, ValidationError } from "../errors";
import { produceLetters } from "../letters/produce-letters";
import { getReferral } from "./get-referral";

// The JSON API's requests for the record a referral rests on (issue 10 §5), mapped onto the same server functions
// the pages use (produceLetters, addCaseEvent, getReferral, recordCertificate), so no rule lives only in the API.

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The case's current version, in the actor's scope (else NotFoundError), for the version-checked change. */
async function currentVersion(actor: Actor, caseId: string): Promise<number> {
  authorize(actor, "case.manage");
  if (!ID.test(caseId)) throw new NotFoundError("Case");
  const kase = await db.attendanceCase.findFirst({
    where: { AND: [caseScope(actor), { id: caseId }] },
    select: { version: true },
  });
  if (!kase) throw new NotFoundError("Case");
  return kase.version;
}

/** POST /api/v1/cases/{id}/letters: one letter of the kind per parent, stored as sent; 201 with each letter's PDF. */
export async function produceLettersViaApi(
  actor: Actor,
  caseId: string,
  raw: unknown,
): Promise<z.input<typeof lettersResponse>> {
  const version = await currentVersion(actor, caseId);
  const body = parseInput(produceLettersRequest, raw);
  const letters = await produceLetters(actor, { caseId, version, ...body });
  return {
    letters: letters.map((l) => ({
      id: l.id,
      parentId: l.parentId,
      kind: l.kind as "warning",
      sentOn: l.sentOn,
      pdfUrl: `/api/v1/cases/${caseId}/letters/${l.id}.pdf`,
    })),
  };
}

/** POST /api/v1/cases/{id}/events: work on the timeline (with parents and an interview's outcome); 201 {id}. */
export async function addCaseEventViaApi(actor: Actor, caseId: string, raw: unknown): Promise<{ id: string }> {
  const version = await currentVersion(actor, caseId);
  const body = parseInput(caseEventRequest, raw);
  const saved = await addCaseEvent(actor, { caseId, version, ...body, note: body.note ?? "" });
  return { id: saved.eventId };
}

/** GET /api/v1/referrals/{id}: the referral with its readiness items (scope and audit: getReferral). */
export async function getReferralViaApi(
  actor: Actor,
  referralId: string,
): Promise<z.input<typeof referralDetailResponse>> {
  const r = await getReferral(actor, referralId, "api");
  return {
    id: r.id,
    caseId: r.case.id,
    parentId: r.parent.id,
    status: r.status,
    offence: r.offence,
    readiness: {
      ready: r.readiness.ready,
      items: r.readiness.items.map((i) => ({
        key: i.key,
        met: i.met,
        evidence: i.evidence.map((e) => ({ kind: e.kind, id: e.id, date: e.date })),
        message: i.message,
      })),
    },
  };
}

/** POST /api/v1/referrals/{id}/certificate: the head teacher's signature (school staff of that school, or the case's
 * officer for a signed paper copy); 201 {id}. */
export async function recordCertificateViaApi(actor: Actor, referralId: string, raw: unknown): Promise<{ id: string }> {
  const evidenceId = await evidenceOfReferral(actor, referralId);
  const body = parseInput(certificateRequest, raw);
  let schoolId: string | undefined;
  if (body.schoolUrn !== undefined) {
    const context = await loadCertificateContext(evidenceId, actor.authorityId);
    schoolId = context?.schools.find((s) => s.urn === body.schoolUrn)?.id;
    if (!schoolId) throw new ValidationError({ schoolUrn: ["This referral does not rely on that school's register"] });
  }
  const row = await recordCertificate(actor, {
    evidenceId,
    schoolId,
    signedBy: body.signedBy,
    signedOn: body.signedOn,
  });
  return { id: row.id };
}
