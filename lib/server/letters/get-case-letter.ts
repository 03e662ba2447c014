import "server-only";
import { toIsoDate } from "@/lib/domain/dates";
import { LETTER_KIND_LABELS, parentNames, type LetterKind } from "@/lib/domain/letters";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { caseScope } from "../cases/case-scope";
import { caseReference, letterPdf } from "./letter-pdf";

const ID = /^[0-9a-f-]{36}$/i;

/** One letter on a case in the actor's scope, as stored when it was sent; audited with how it was read.
 * Anything out of scope, or a letter of another case, is NotFoundError. */
export async function getCaseLetter(actor: Actor, caseId: string, letterId: string, via: "pdf" | "page" = "page") {
  if (!can(actor, "case.read") || !ID.test(caseId) || !ID.test(letterId)) throw new NotFoundError("Letter");
  const kase = await db.attendanceCase.findFirst({
    where: { AND: [caseScope(actor), { id: caseId }] },
    select: { id: true, authorityId: true },
  });
  if (!kase) throw new NotFoundError("Letter");
  const letter = await db.caseLetter.findFirst({
    where: { id: letterId, caseId: kase.id, authorityId: kase.authorityId },
  });
  if (!letter) throw new NotFoundError("Letter");
  const [parent, authority] = await Promise.all([
    db.parent.findFirstOrThrow({ where: { id: letter.parentId, authorityId: kase.authorityId } }),
    db.authority.findUniqueOrThrow({ where: { id: kase.authorityId } }),
  ]);
  await audit(actor, {
    action: via === "pdf" ? "case_letter.download" : "case_letter.view",
    entityType: "case_letter",
    entityId: letter.id,
    detail: { caseId: kase.id },
  });
  return {
    id: letter.id,
    caseId: kase.id,
    kind: letter.kind as LetterKind,
    subject: letter.subject,
    body: letter.body,
    sentOn: toIsoDate(letter.sentOn),
    parentName: parentNames(parent).name,
    authorityName: authority.name,
    reference: caseReference(kase.id),
  };
}

/** The letter as a PDF, with a file name naming the kind, the parent and the date; audited as a download. */
export async function getCaseLetterPdf(actor: Actor, caseId: string, letterId: string) {
  const letter = await getCaseLetter(actor, caseId, letterId, "pdf");
  const bytes = await letterPdf({
    authorityName: letter.authorityName,
    subject: letter.subject,
    body: letter.body,
    title: `${LETTER_KIND_LABELS[letter.kind]}: ${letter.parentName}`,
    reference: letter.reference,
  });
  const slug = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase();
  return { bytes, filename: `${slug(letter.kind)}-${slug(letter.parentName)}-${letter.sentOn}.pdf` };
}
