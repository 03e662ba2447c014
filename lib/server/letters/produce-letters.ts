import "server-only";
import { randomUUID } from "node:crypto";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import {
  LETTER_KIND_LABELS,
  MEETING_FIELDS,
  mergeFieldsIn,
  mergeTemplate,
  missingFields,
  validateTemplate,
  type MergeFieldKey,
} from "@/lib/domain/letters";
import { fieldInWords, kindFieldProblems } from "@/lib/domain/letter-facts";
import { today } from "@/lib/env";
import { produceLettersSchema, type ProduceLettersInput } from "@/lib/schemas/letters";
import type { Actor } from "../actor";
import type { AuditEntry } from "../audit";
import { dateOnly, type Tx } from "../db";
import { ValidationError, type FieldErrors } from "../errors";
import type { AttendanceCase } from "@/lib/generated/prisma/client";
import { changeCase, changeCaseInTx, type CaseChange } from "../cases/change-case";
import { planStartWindow } from "../cases/start-window";
import { parseInput } from "../cases/parse-input";
import { caseMergeValues } from "./case-merge-values";
import { templateFor } from "./template-for";

const MEETING_INPUT: Record<(typeof MEETING_FIELDS)[number], { field: string; label: string }> = {
  "meeting.date": { field: "meetingDate", label: "the meeting date" },
  "meeting.time": { field: "meetingTime", label: "the meeting time" },
  "meeting.place": { field: "meetingPlace", label: "where the meeting is" },
};
const IN_WORDS: Partial<Record<MergeFieldKey, string>> = {
  "case.windowStart": "the window's first day",
  "case.windowEnd": "the window's last day",
  "case.target": "the window's target",
};

export type ProducedLetter = { id: string; parentId: string; parentName: string; kind: string; sentOn: string };
export type PreviewedLetter = { parentId: string; parentName: string; subject: string; body: string };

/** Thrown inside the transaction to roll it back once the letters are composed: a preview records nothing. */
class LettersPreviewed extends Error {
  constructor(readonly letters: PreviewedLetter[]) {
    super("Letters previewed");
  }
}

/**
 * Each chosen parent's letter exactly as produceLetters would record it (issue 15 §1: a preview before anything is
 * recorded as sent), with the same checks, scope and permissions. Composed in a transaction that is rolled back,
 * so nothing is saved, the case's version is unchanged and no timeline entry is written.
 */
export async function previewLetters(actor: Actor, raw: ProduceLettersInput): Promise<PreviewedLetter[]> {
  try {
    await composeAndRecord(actor, raw, "preview");
  } catch (error) {
    if (error instanceof LettersPreviewed) return error.letters;
    throw error;
  }
  throw new Error("A preview must not record letters");
}

/**
 * Produces one letter of the chosen kind for each chosen parent/carer (by default every party to the case),
 * a warning letter on a case without a window starting the window on the letter's date with the target given,
 * merged from the authority's template as of the sending date (default today) and stored as sent. Goes through
 * changeCase: scoped (else NotFoundError), only the assigned officer or a manager (ForbiddenError), not on a
 * closed case, refused on a stale version. The letters, one 'letter' timeline entry per letter and the audit row
 * are written in one transaction; any refusal saves nothing.
 */
export async function produceLetters(actor: Actor, raw: ProduceLettersInput): Promise<ProducedLetter[]> {
  return composeAndRecord(actor, raw, "send");
}

/**
 * produceLetters inside a transaction the caller holds, with the production id given (bulk work in the queues: the
 * same letter kind across cases, every case's letters in one production, so they print as one PDF).
 */
export async function produceLettersIn(
  tx: Tx,
  actor: Actor,
  raw: ProduceLettersInput,
  productionId: string,
  auditInto: AuditEntry[],
): Promise<ProducedLetter[]> {
  return composeAndRecord(actor, raw, "send", { tx, productionId, auditInto });
}

/**
 * previewLetters inside a transaction the caller holds (bulk letters in the queues: each case's letters shown before
 * any is sent), with the same checks; nothing is written by it (the caller rolls its transaction back as well).
 */
export async function previewLettersIn(tx: Tx, actor: Actor, raw: ProduceLettersInput): Promise<PreviewedLetter[]> {
  try {
    await composeAndRecord(actor, raw, "preview", { tx, productionId: "", auditInto: [] });
  } catch (error) {
    if (error instanceof LettersPreviewed) return error.letters;
    throw error;
  }
  throw new Error("A preview must not record letters");
}

async function composeAndRecord(
  actor: Actor,
  raw: ProduceLettersInput,
  mode: "preview" | "send",
  bulk?: { tx: Tx; productionId: string; auditInto: AuditEntry[] },
): Promise<ProducedLetter[]> {
  const input = parseInput(produceLettersSchema, raw);
  const sentOn = input.sentOn ?? today();
  const produced: ProducedLetter[] = [];
  const change = (plan: (kase: AttendanceCase, tx: Tx) => Promise<CaseChange>) =>
    bulk
      ? changeCaseInTx(
          bulk.tx,
          actor,
          input,
          {
            action: "case.produce_letters",
            auditDetail: { bulk: true },
            auditInto: bulk.auditInto,
          },
          plan,
        )
      : changeCase(actor, input, { action: "case.produce_letters" }, plan);
  await change(async (kase, tx) => {
    const now = today();
    const openedOn = toIsoDate(kase.openedOn);
    const errors: FieldErrors = {};
    if (sentOn > now)
      errors.sentOn = [`The date sent cannot be in the future: enter today (${formatUkDate(now)}) or earlier`];
    else if (sentOn < openedOn)
      errors.sentOn = [`The date sent cannot be before the case was opened on ${formatUkDate(openedOn)}`];

    // The warning letter starts the window, on the letter's date, in the same step (issue 15 §1): the window's
    // rules are startWindow's, and its dates and target go into the letters.
    let windowChange: CaseChange | null = null;
    let subject: AttendanceCase = kase;
    if (input.kind === "warning" && kase.windowStart === null && !errors.sentOn) {
      try {
        windowChange = await planStartWindow(kase, tx, {
          startDate: sentOn,
          minAttendancePct: input.minAttendancePct,
          maxUnauthorisedSessions: input.maxUnauthorisedSessions,
        });
        subject = { ...kase, ...(windowChange.data as Partial<AttendanceCase>) };
      } catch (error) {
        // Reported with the letters' own problems (the window's start date is the letter's date).
        if (!(error instanceof ValidationError)) throw error;
        for (const [field, messages] of Object.entries(error.fieldErrors))
          (errors[field === "startDate" ? "sentOn" : field] ??= []).push(...messages);
        if (error.formError) (errors.kind ??= []).push(error.formError);
      }
    }

    const template = await templateFor(tx, kase.authorityId, input.kind);
    // A template saved before a merge field was renamed must not produce a letter with a gap.
    const broken = [...validateTemplate(template), ...kindFieldProblems(input.kind, template)];
    if (broken.length > 0) {
      throw new ValidationError(
        {},
        `The ${LETTER_KIND_LABELS[input.kind].toLowerCase()} template needs correcting by an administrator first: ${broken[0]!.message}`,
      );
    }
    const values = await caseMergeValues(
      tx,
      subject,
      sentOn,
      { date: input.meetingDate, time: input.meetingTime, place: input.meetingPlace },
      { kind: input.kind, figuresWeeks: template.figuresWeeks },
    );
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
        errors[field] = [`Enter ${label}: this letter states it`];
      }
    }
    const windowFields = missing.filter((key: MergeFieldKey) => key.startsWith("case."));
    // A letter that quotes figures must have facts to quote (issue 15 §1: never "not yet recorded").
    const quotesFigures = [...mergeFieldsIn(template.subject), ...mergeFieldsIn(template.body)].some((u) =>
      u.key.startsWith("figures."),
    );
    if (!errors.sentOn && quotesFigures && values.figuresProblem) {
      (errors[values.figuresProblem.field] ??= []).push(values.figuresProblem.message);
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    if (windowFields.length > 0) {
      throw new ValidationError({
        kind: [
          `This letter states ${IN_WORDS[windowFields[0]!] ?? "the Fast Track window"}, but the window has not started on this case: start the window first, or choose another letter`,
        ],
      });
    }
    const unknown = missing.filter((key) => !(key in MEETING_INPUT) && !key.startsWith("case."));
    if (unknown.length > 0) {
      throw new ValidationError({
        kind: [`This letter states ${fieldInWords(unknown[0]!)}, which this case cannot supply: choose another letter`],
      });
    }

    const productionId = bulk?.productionId ?? randomUUID();
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
    if (mode === "preview") {
      throw new LettersPreviewed(
        rows.map((r) => ({
          parentId: r.parentId,
          parentName: values.nameOf(r.parentId),
          subject: r.subject,
          body: r.body,
        })),
      );
    }
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
      data: windowChange?.data ?? {},
      events: [
        ...(windowChange?.events ?? []),
        ...rows.map((r) => ({
          kind: "letter" as const,
          occurredOn: sentOn,
          note: `${LETTER_KIND_LABELS[input.kind]} to ${values.nameOf(r.parentId)}`,
          details: { letterId: r.id, parentId: r.parentId, kind: input.kind },
        })),
      ],
      auditDetail: {
        kind: input.kind,
        sentOn,
        letterIds: rows.map((r) => r.id),
        parentIds,
        ...(windowChange ? { startedWindow: windowChange.auditDetail ?? {} } : {}),
      },
    };
  });
  return produced;
}
