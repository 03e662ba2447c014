import "server-only";
import type { LetterKind } from "@/lib/domain/letters";
import { authorize, type Actor } from "../actor";
import { db } from "../db";
import { templateFor } from "./template-for";

/** The template the actor's authority uses for one kind (its own, or the built-in default). */
export async function getLetterTemplate(actor: Actor, kind: LetterKind) {
  authorize(actor, "letter_template.manage");
  return templateFor(db, actor.authorityId, kind);
}
