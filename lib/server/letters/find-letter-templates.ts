import "server-only";
import { LETTER_KINDS, LETTER_KIND_LABELS } from "@/lib/domain/letters";
import { authorize, type Actor } from "../actor";
import { db } from "../db";

/** Each kind of letter for the actor's authority: whether it has its own text or uses the built-in one. */
export async function findLetterTemplates(actor: Actor) {
  authorize(actor, "letter_template.manage");
  const rows = await db.letterTemplate.findMany({ where: { authorityId: actor.authorityId } });
  const users = await db.appUser.findMany({
    where: { id: { in: rows.map((r) => r.updatedBy) }, authorityId: actor.authorityId },
    select: { id: true, name: true },
  });
  return LETTER_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    return {
      kind,
      label: LETTER_KIND_LABELS[kind],
      customised: !!row,
      subject: row?.subject ?? null,
      updatedAt: row?.updatedAt ?? null,
      updatedBy: row ? (users.find((u) => u.id === row.updatedBy)?.name ?? "Unknown user") : null,
    };
  });
}
