import "server-only";
import { LETTER_KIND_LABELS, SAMPLE_VALUES, mergeTemplate, type LetterKind } from "@/lib/domain/letters";
import { letterTemplateSchema, type LetterTemplateInput } from "@/lib/schemas/letters";
import { authorize, type Actor } from "../actor";
import { db } from "../db";
import { parseInput } from "../cases/parse-input";
import { letterPdf } from "./letter-pdf";
import { templateFor } from "./template-for";

const sampleValues = (actor: Actor) => ({ ...SAMPLE_VALUES, "authority.name": actor.authorityName });

/** A template's text (saved or not) merged with the sample values, for the preview. Nothing is saved. */
export async function previewLetterTemplate(actor: Actor, raw: LetterTemplateInput) {
  authorize(actor, "letter_template.manage");
  const input = parseInput(letterTemplateSchema, raw);
  const values = sampleValues(actor);
  return { kind: input.kind, subject: mergeTemplate(input.subject, values), body: mergeTemplate(input.body, values) };
}

/** The authority's current template for a kind as a sample PDF letter. */
export async function sampleLetterPdf(actor: Actor, kind: LetterKind) {
  authorize(actor, "letter_template.manage");
  const template = await templateFor(db, actor.authorityId, kind);
  const values = sampleValues(actor);
  const bytes = await letterPdf({
    authorityName: actor.authorityName,
    subject: mergeTemplate(template.subject, values),
    body: mergeTemplate(template.body, values),
    title: `Sample: ${LETTER_KIND_LABELS[kind]}`,
    reference: SAMPLE_VALUES["case.reference"],
  });
  return { bytes, filename: `sample-${kind.replace(/_/g, "-")}.pdf` };
}
