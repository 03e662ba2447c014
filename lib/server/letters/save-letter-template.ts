import "server-only";
import { letterTemplateSchema, type LetterTemplateInput } from "@/lib/schemas/letters";
import type { LetterKind } from "@/lib/domain/letters";
import { now } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { parseInput } from "../cases/parse-input";

/** Saves the actor's authority's own text for a kind of letter (validated: every merge field must exist and be one
 * this kind of letter can know) and the school weeks its figures look back over, audited in the same transaction. */
export async function saveLetterTemplate(actor: Actor, raw: LetterTemplateInput) {
  authorize(actor, "letter_template.manage");
  const input = parseInput(letterTemplateSchema, raw);
  return db.$transaction(async (tx) => {
    const data = {
      subject: input.subject,
      body: input.body,
      figuresWeeks: input.figuresWeeks,
      updatedBy: actor.id,
      updatedAt: now(),
    };
    const saved = await tx.letterTemplate.upsert({
      where: { authorityId_kind: { authorityId: actor.authorityId, kind: input.kind } },
      create: { authorityId: actor.authorityId, kind: input.kind, ...data },
      update: data,
    });
    await audit(
      actor,
      {
        action: "letter_template.save",
        entityType: "letter_template",
        entityId: input.kind,
        detail: { kind: input.kind, subject: input.subject, figuresWeeks: input.figuresWeeks },
      },
      tx,
    );
    return saved;
  });
}

/** Goes back to the built-in text for a kind (deletes the authority's own), audited. */
export async function resetLetterTemplate(actor: Actor, kind: LetterKind) {
  authorize(actor, "letter_template.manage");
  await db.$transaction(async (tx) => {
    const { count } = await tx.letterTemplate.deleteMany({ where: { authorityId: actor.authorityId, kind } });
    if (count > 0)
      await audit(
        actor,
        { action: "letter_template.reset", entityType: "letter_template", entityId: kind, detail: { kind } },
        tx,
      );
  });
}
