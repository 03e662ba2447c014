import "server-only";
import { randomUUID } from "node:crypto";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import {
  LETTER_KIND_LABELS,
  MEETING_FIELDS,
  mergeTemplate,
  missingFields,
  validateTemplate,
  type MergeFieldKey,
} from "@/lib/domain/letters";
import { today } from "@/lib/env";
import { produceLettersSchema, type ProduceLettersInput } from "@/lib/schemas/letters";
import type { Actor } from "../actor";
import { dateOnly } from "../db";
import { ValidationError, type FieldErrors } from "../errors";
import { changeCase } from "../cases/change-case";
import { parseInput } from "../cases/parse-input";
import { caseMergeValues } from "./case-merge-values";
import { templateFor } from "./template-for";

const MEETING_INPUT: Record<(typeof MEETING_FIELDS)[number], { field: string; label: string }> = {
  "meeting.date": { field: "meetingDate", label: "the meeting date" },
  "meeting.time": { field: "meetingTime", label: "the meeting time" },
  "meeting.place": { field: "meetingPlace", label: "where the meeting is" },
};

export type ProducedLetter = { id: string; parentId: string; parentName: string; kind: string; sentOn: string };

/**
 * Produces one letter of the chosen kind for each chosen parent/carer (by default every party to the case),
 * merged from the authority's template as of the sending date (default today) and stored as sent. Goes through
 * changeCase: scoped (else NotFoundError), only the assigned officer or a manager (ForbiddenError), not on a
 * closed case, refused on a stale version. The letters, one 'letter' timeline entry per letter and the audit row
 * are written in one transaction; any refusal saves nothing.
 */
export async function produceLetters(actor: Actor, raw: ProduceLettersInput): Promise<ProducedLetter[]> {
  const input = parseInput(produceLettersSchema, raw);
  const sentOn = input.sentOn ?? today();
  const produced: ProducedLetter[] = [];
  await changeCase(actor, input, { action: "case.produce_letters" }, async (kase, tx) => {
    const now = today();
    const openedOn = toIsoDate(kase.openedOn);
    const errors: FieldErrors = {};
    if (sentOn > now)
      errors.sentOn = [`The date sent cannot be in the future: enter today (${formatUkDate(now)}) or earlier`];
    else if (sentOn < openedOn)
      errors.sentOn = [`The date sent cannot be before the case was opened on ${formatUkDate(openedOn)}`];

    const template = await templateFor(tx, kase.authorityId, input.kind);
    // A template saved before a merge field was renamed must not produce a letter with a gap.
    const broken = validateTemplate(template);
    if (broken.length > 0) {
      throw new ValidationError(
        {},
        `The ${LETTER_KIND_LABELS[input.kind].toLowerCase()} template needs correcting by an administrator first: ${broken[0]!.message}`,
      );
    }
    const values = await caseMergeValues(tx, kase, sentOn, {
      date: input.meetingDate,
      time: input.meetingTime,
      place: input.meetingPlace,
    });
    const parentIds = input.parentIds ?? values.partyIds;
    const strangers = parentIds.filter((id) => !values.partyIds.includes(id));
    if (strangers.length > 0) errors.parentIds = ["Select only parents or carers named on this case"];
    if (parentIds.length === 0) errors.parentIds = ["This case names no parents or carers to write to"];
    if (new Set(parentIds).size !== parentIds.length) errors.parentIds = ["Select each parent or carer once"];

    const sample = values.forParent(values.partyIds[0] ?? "") ?? {};
    const missing = missingFields(template, {
      ...sample,
      "parent.name": "",
      "parent.salutation": "",
      "parent.address": "",
    });
    for (const key of missing) {
      if (key in MEETING_INPUT) {
        const { field, label } = MEETING_INPUT[key as keyof typeof MEETING_INPUT];
        errors[field] = [`Enter ${label}: this letter uses {{${key}}}`];
      }
    }
    const windowFields = missing.filter((key: MergeFieldKey) => key.startsWith("case."));
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    if (windowFields.length > 0) {
      throw new ValidationError({
        kind: [
          `This letter uses {{${windowFields[0]}}}, but the Fast Track window has not started on this case. Start the window first, or choose another letter.`,
        ],
      });
    }

    const productionId = randomUUID();
    const rows = parentIds.map((parentId) => {
      const v = values.forParent(parentId)!;
      return {
        id: randomUUID(),
        caseId: kase.id,
        parentId,
        authorityId: kase.authorityId,
        productionId,
        kind: input.kind,
        subject: mergeTemplate(template.subject, v),
        body: mergeTemplate(template.body, v),
        sentOn: dateOnly(sentOn),
        producedBy: actor.id,
      };
    });
    await tx.caseLetter.createMany({ data: rows });
    produced.push(
      ...rows.map((r) => ({
        id: r.id,
        parentId: r.parentId,
        parentName: values.nameOf(r.parentId),
        kind: r.kind,
        sentOn,
      })),
    );
    return {
      data: {},
      events: rows.map((r) => ({
        kind: "letter" as const,
        occurredOn: sentOn,
        note: `${LETTER_KIND_LABELS[input.kind]} to ${values.nameOf(r.parentId)}`,
        details: { letterId: r.id, parentId: r.parentId, kind: input.kind },
      })),
      auditDetail: { kind: input.kind, sentOn, letterIds: rows.map((r) => r.id), parentIds },
    };
  });
  return produced;
}
