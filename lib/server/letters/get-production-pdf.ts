import "server-only";
import type { CaseLetter } from "@/lib/generated/prisma/client";
import { toIsoDate } from "@/lib/domain/dates";
import { LETTER_KIND_LABELS, type LetterKind } from "@/lib/domain/letters";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { caseScope } from "../cases/case-scope";
import { db } from "../db";
import { NotFoundError } from "../errors";
import { caseReference, lettersPdf } from "./letter-pdf";

const ID = /^[0-9a-f-]{36}$/i;

/**
 * Every letter sent together on a case (one production: the same kind, to each chosen parent, on one day) as one
 * PDF, each letter from a new page, for printing (issue 15 §5). Scoped like each letter (out of scope, or a
 * production of another case: NotFoundError); each letter is audited as downloaded.
 */
export async function getProductionPdf(actor: Actor, caseId: string, productionId: string) {
  if (!can(actor, "case.read") || !ID.test(caseId) || !ID.test(productionId)) throw new NotFoundError("Letters");
  const kase = await db.attendanceCase.findFirst({
    where: { AND: [caseScope(actor), { id: caseId }] },
    select: { id: true, authorityId: true },
  });
  if (!kase) throw new NotFoundError("Letters");
  const letters = await db.caseLetter.findMany({
    where: { caseId: kase.id, authorityId: kase.authorityId, productionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (letters.length === 0) throw new NotFoundError("Letters");
  const kind = letters[0]!.kind as LetterKind;
  return printLetters(actor, letters, kase.authorityId, {
    title: `${LETTER_KIND_LABELS[kind]}: ${letters.length} letters`,
    reference: caseReference(kase.id),
    filename: `${kind.replace(/_/g, "-")}-letters-${toIsoDate(letters[0]!.sentOn)}.pdf`,
  });
}

/**
 * The letters of one bulk production (the same kind across several cases, issue 15 §5) as one PDF, each letter from
 * a new page, in the order they were recorded. Only letters on cases in the actor's scope; none: NotFoundError.
 * Each letter is audited as downloaded.
 */
export async function getBulkProductionPdf(actor: Actor, productionId: string) {
  if (!can(actor, "case.read") || !ID.test(productionId)) throw new NotFoundError("Letters");
  const letters = await db.caseLetter.findMany({
    where: { authorityId: actor.authorityId, productionId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const inScope = new Set(
    (
      await db.attendanceCase.findMany({
        where: { AND: [caseScope(actor), { id: { in: [...new Set(letters.map((l) => l.caseId))] } }] },
        select: { id: true },
      })
    ).map((c) => c.id),
  );
  const shown = letters.filter((l) => inScope.has(l.caseId));
  if (shown.length === 0) throw new NotFoundError("Letters");
  const kind = shown[0]!.kind as LetterKind;
  const cases = new Set(shown.map((l) => l.caseId)).size;
  return printLetters(actor, shown, actor.authorityId, {
    title: `${LETTER_KIND_LABELS[kind]}: ${shown.length} letters for ${cases} cases`,
    filename: `${kind.replace(/_/g, "-")}-letters-${cases}-cases-${toIsoDate(shown[0]!.sentOn)}.pdf`,
  });
}

/** Audits each letter as downloaded by the actor, then renders them as one PDF, each from a new page. */
async function printLetters(
  actor: Actor,
  letters: readonly CaseLetter[],
  authorityId: string,
  print: { title: string; reference?: string; filename: string },
) {
  const authority = await db.authority.findUniqueOrThrow({ where: { id: authorityId } });
  await audit(
    actor,
    letters.map((l) => ({
      action: "case_letter.download",
      entityType: "case_letter",
      entityId: l.id,
      detail: { caseId: l.caseId, productionId: l.productionId },
    })),
  );
  const bytes = await lettersPdf(letters, {
    authorityName: authority.name,
    title: print.title,
    reference: print.reference,
  });
  return { bytes, filename: print.filename, count: letters.length };
}
