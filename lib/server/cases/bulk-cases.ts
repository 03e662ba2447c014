import "server-only";
import { randomUUID } from "node:crypto";
import { caseRefusal, checkSelection, refusedCasesMessage, unseenCasesMessage } from "@/lib/domain/bulk-cases";
import { canChangeCase } from "@/lib/domain/case-rules";
import { CASE_STATE_LABELS, type CaseState } from "@/lib/domain/case-state";
import { LETTER_KIND_LABELS, MEETING_FIELDS, mergeFieldsIn } from "@/lib/domain/letters";
import { today } from "@/lib/env";
import {
  bulkLettersSchema,
  bulkReassignSchema,
  type BulkLettersInput,
  type BulkReassignInput,
} from "@/lib/schemas/bulk-cases";
import { authorize, type Actor } from "../actor";
import { audit, type AuditEntry } from "../audit";
import { db, type Tx } from "../db";
import { ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "../errors";
import { previewLettersIn, produceLettersIn, type PreviewedLetter } from "../letters/produce-letters";
import { templateFor } from "../letters/template-for";
import { caseScope } from "./case-scope";
import { changeCaseInTx } from "./change-case";
import { checkAssignee } from "./check-assignee";
import { parseInput } from "./parse-input";
import { moveCase } from "./reassign-case";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type BulkCase = {
  id: string;
  version: number;
  pupil: string;
  upn: string;
  officer: string;
  status: string;
  windowStarted: boolean;
  /** Why the actor may not change this case (another officer's, closed), or null. */
  refused: string | null;
};

type CaseRow = { id: string; version: number; pupilId: string; assignedOfficerId: string; status: string };

async function describeCases(tx: Tx, authorityId: string, cases: (CaseRow & { windowStart: Date | null })[]) {
  const [pupils, officers] = await Promise.all([
    tx.pupil.findMany({
      where: { authorityId, id: { in: cases.map((c) => c.pupilId) } },
      select: { id: true, firstName: true, lastName: true, upn: true },
    }),
    tx.appUser.findMany({
      where: { authorityId, id: { in: cases.map((c) => c.assignedOfficerId) } },
      select: { id: true, name: true },
    }),
  ]);
  const pupil = new Map(pupils.map((p) => [p.id, p]));
  const officer = new Map(officers.map((o) => [o.id, o.name]));
  return cases.map((c) => {
    const p = pupil.get(c.pupilId);
    return {
      ...c,
      pupil: p ? `${p.firstName} ${p.lastName}` : "Unknown pupil",
      upn: p?.upn ?? "",
      officer: officer.get(c.assignedOfficerId) ?? "Unknown officer",
    };
  });
}

/**
 * The cases selected in a queue, for the page that asks what to do with them (issue 15 §5): in the actor's scope,
 * in the order selected, each with whether the actor may change it. Cases not found in scope are only counted
 * (never named); the selection's own problem (none, too many) is returned for the page to show. One audit row.
 */
export async function findBulkCases(
  actor: Actor,
  caseIds: readonly string[],
): Promise<{ cases: BulkCase[]; unseen: number; problem: string | null }> {
  authorize(actor, "case.manage");
  const selection = checkSelection(caseIds);
  if (!selection.ok) return { cases: [], unseen: 0, problem: selection.message };
  const valid = caseIds.filter((id) => UUID.test(id)).map((id) => id.toLowerCase());
  const found = await db.attendanceCase.findMany({
    where: { AND: [caseScope(actor), { id: { in: valid } }] },
    select: { id: true, version: true, pupilId: true, assignedOfficerId: true, status: true, windowStart: true },
  });
  const described = await describeCases(db, actor.authorityId, found);
  const byId = new Map(described.map((c) => [c.id, c]));
  const cases = valid.flatMap((id) => {
    const c = byId.get(id);
    if (!c) return [];
    const check = canChangeCase(actor, { assignedOfficerId: c.assignedOfficerId, status: c.status as CaseState });
    return [
      {
        id: c.id,
        version: c.version,
        pupil: c.pupil,
        upn: c.upn,
        officer: c.officer,
        status: CASE_STATE_LABELS[c.status as CaseState] ?? c.status,
        windowStarted: c.windowStart !== null,
        refused: check.ok ? null : check.message,
      },
    ];
  });
  await audit(actor, {
    action: "case.bulk_select",
    entityType: "authority",
    entityId: actor.authorityId,
    detail: { caseIds: cases.map((c) => c.id), unseen: caseIds.length - cases.length },
  });
  return { cases, unseen: caseIds.length - cases.length, problem: null };
}

/** Thrown at the end of a dry run's transaction to roll it back, carrying what each case gave. */
class DryRun<T> extends Error {
  constructor(readonly results: T[]) {
    super("Bulk dry run");
  }
}

/**
 * Runs `change` on each selected case inside one transaction. Every case must be in the actor's scope (else the
 * `cases` field says how many were not found, without naming them); each case's own refusal (another officer's
 * case, closed, changed since the page was shown, a rule of the change) is collected and named by pupil, and if
 * any case refuses, the transaction rolls back: nothing changes. With `dryRun`, the transaction is rolled back
 * whatever happens (a preview): the results are returned and nothing is written, not even an audit row.
 */
async function forEachCase<T>(
  actor: Actor,
  refs: { caseId: string; version: number }[],
  what: string,
  change: (tx: Tx, ref: { caseId: string; version: number }, auditInto: AuditEntry[], pupil: string) => Promise<T>,
  before?: (tx: Tx) => Promise<void>,
  dryRun = false,
): Promise<T[]> {
  try {
    return await forEachCaseInTx(actor, refs, what, change, before, dryRun);
  } catch (error) {
    if (dryRun && error instanceof DryRun) return error.results as T[];
    throw error;
  }
}

async function forEachCaseInTx<T>(
  actor: Actor,
  refs: { caseId: string; version: number }[],
  what: string,
  change: (tx: Tx, ref: { caseId: string; version: number }, auditInto: AuditEntry[], pupil: string) => Promise<T>,
  before: ((tx: Tx) => Promise<void>) | undefined,
  dryRun: boolean,
): Promise<T[]> {
  return db.$transaction(
    async (tx) => {
      const found = await tx.attendanceCase.findMany({
        where: { AND: [caseScope(actor), { id: { in: refs.map((r) => r.caseId) } }] },
        select: { id: true, version: true, pupilId: true, assignedOfficerId: true, status: true, windowStart: true },
      });
      if (found.length !== refs.length) {
        throw new ValidationError({ cases: [unseenCasesMessage(refs.length - found.length, refs.length)] });
      }
      await before?.(tx);
      const names = new Map((await describeCases(tx, actor.authorityId, found)).map((c) => [c.id, c.pupil]));
      const results: T[] = [];
      const refusals: string[] = [];
      const fieldErrors: FieldErrors = {};
      const auditRows: AuditEntry[] = [];
      // In the order of the cases' ids, so that two bulk changes over the same cases lock them in the same order.
      for (const ref of [...refs].sort((a, b) => a.caseId.localeCompare(b.caseId))) {
        try {
          results.push(await change(tx, ref, auditRows, names.get(ref.caseId) ?? "A case"));
        } catch (error) {
          if (!(error instanceof ValidationError || error instanceof ForbiddenError)) throw error;
          const messages =
            error instanceof ValidationError
              ? [...(error.formError ? [error.formError] : []), ...Object.values(error.fieldErrors).flat()]
              : [error.message];
          if (error instanceof ValidationError) {
            // A problem with a field of the bulk form itself (the window's target) is shown on that field too.
            for (const field of ["minAttendancePct", "maxUnauthorisedSessions"] as const) {
              const m = error.fieldErrors[field];
              if (m && !fieldErrors[field]) fieldErrors[field] = m;
            }
          }
          refusals.push(caseRefusal(names.get(ref.caseId) ?? "A case", [...new Set(messages)].join(" ")));
        }
      }
      if (refusals.length > 0) {
        throw new ValidationError(
          { ...fieldErrors, cases: refusals },
          refusedCasesMessage(refusals.length, refs.length, what),
        );
      }
      if (dryRun) throw new DryRun(results);
      // Each case's audit row, written last (audit() holds the authority's chain lock to the end).
      await audit(actor, auditRows, tx);
      return results;
    },
    { timeout: 60_000 },
  );
}

/**
 * Gives every selected case to one officer of the authority (issue 15 §5), all or nothing: each case as
 * reassignCase would (its officer or a manager, open, unchanged since the page), the outgoing officer's open tasks
 * on it moving with it, a 'reassigned' entry on its timeline and its own audit row (marked bulk). Cases already
 * with that officer are left as they are and counted.
 */
export async function reassignCases(actor: Actor, raw: BulkReassignInput) {
  authorize(actor, "case.manage");
  const input = parseInput(bulkReassignSchema, raw);
  const outcomes = await forEachCase(
    actor,
    input.cases,
    "be reassigned",
    async (tx, ref, auditRows) => {
      const current = await tx.attendanceCase.findFirst({
        where: { AND: [caseScope(actor), { id: ref.caseId }] },
        select: { assignedOfficerId: true, status: true, version: true },
      });
      if (!current) throw new NotFoundError("Case");
      if (current.assignedOfficerId === input.officerId) {
        // Already theirs: nothing to change (still refused below if the actor could not have changed it).
        const check = canChangeCase(actor, {
          assignedOfficerId: current.assignedOfficerId,
          status: current.status as CaseState,
        });
        if (!check.ok) throw new ValidationError({}, check.message);
        return "unchanged" as const;
      }
      await changeCaseInTx(
        tx,
        actor,
        ref,
        { action: "case.reassign", auditDetail: { bulk: true }, auditInto: auditRows },
        (kase) => moveCase(tx, kase, input.officerId, input.reason),
      );
      return "moved" as const;
    },
    // The officer is checked once, before any case: an officer of another authority (or a disabled one, or not an
    // officer) is the form's error, not every case's.
    (tx) => checkAssignee(tx, actor.authorityId, input.officerId, "officerId"),
  );
  const officer = await db.appUser.findFirstOrThrow({
    where: { authorityId: actor.authorityId, id: input.officerId },
    select: { name: true },
  });
  return {
    moved: outcomes.filter((o) => o === "moved").length,
    unchanged: outcomes.filter((o) => o === "unchanged").length,
    officer: officer.name,
  };
}

/**
 * The same kind of letter to every parent or carer named on each selected case, dated today, in one production so
 * that they print as one PDF (issue 15 §5), all or nothing: each case as produceLetters would (scope, its officer
 * or a manager, open, unchanged since the page, the letter's facts and merge fields; a warning letter on a case
 * without a window starts it with the target given). A letter that states a meeting is refused here: each
 * family's meeting is its own, so those letters are produced from the case. Each case's letters get their timeline
 * entries and its own audit row (marked bulk).
 */
export async function produceLettersForCases(actor: Actor, raw: BulkLettersInput) {
  authorize(actor, "case.manage");
  const input = parseInput(bulkLettersSchema, raw);
  const productionId = randomUUID();
  const produced = await forEachCase(
    actor,
    input.cases,
    "get this letter",
    (tx, ref, auditRows) =>
      produceLettersIn(
        tx,
        actor,
        {
          caseId: ref.caseId,
          version: ref.version,
          kind: input.kind,
          minAttendancePct: input.minAttendancePct,
          maxUnauthorisedSessions: input.maxUnauthorisedSessions,
        },
        productionId,
        auditRows,
      ),
    // A letter that states a meeting is the form's error, once, before any case.
    (tx) => refuseMeetingLetter(tx, actor, input.kind),
  );
  const letters = produced.flat();
  return { productionId, letters: letters.length, cases: produced.length, sentOn: today() };
}

export type BulkLetterPreview = { caseId: string; pupil: string; letters: PreviewedLetter[] };

/**
 * Each parent's letter on each selected case exactly as produceLettersForCases would record it (issue 15 §1 and §5:
 * every letter seen before anything is sent), with the same checks: a case that cannot get the letter is named
 * with its reason, and no letter is shown then. Nothing is recorded (the transaction is rolled back; no case's
 * version changes, no window starts); one audit row records that the letters, which quote each pupil's figures,
 * were read. In the order the cases were selected.
 */
export async function previewLettersForCases(actor: Actor, raw: BulkLettersInput): Promise<BulkLetterPreview[]> {
  authorize(actor, "case.manage");
  const input = parseInput(bulkLettersSchema, raw);
  const previews = await forEachCase(
    actor,
    input.cases,
    "get this letter",
    async (tx, ref, _auditRows, pupil) => ({
      caseId: ref.caseId,
      pupil,
      letters: await previewLettersIn(tx, actor, {
        caseId: ref.caseId,
        version: ref.version,
        kind: input.kind,
        minAttendancePct: input.minAttendancePct,
        maxUnauthorisedSessions: input.maxUnauthorisedSessions,
      }),
    }),
    (tx) => refuseMeetingLetter(tx, actor, input.kind),
    true,
  );
  const order = new Map(input.cases.map((c, i) => [c.caseId, i]));
  previews.sort((a, b) => (order.get(a.caseId) ?? 0) - (order.get(b.caseId) ?? 0));
  await audit(actor, {
    action: "case.bulk_preview_letters",
    entityType: "authority",
    entityId: actor.authorityId,
    detail: { kind: input.kind, caseIds: previews.map((p) => p.caseId) },
  });
  return previews;
}

/** A letter that states a meeting is the bulk form's error, once, before any case: each family's meeting is its own. */
async function refuseMeetingLetter(tx: Tx, actor: Actor, kind: BulkLettersKind) {
  const template = await templateFor(tx, actor.authorityId, kind);
  const uses = [...mergeFieldsIn(template.subject), ...mergeFieldsIn(template.body)];
  if (uses.some((u) => (MEETING_FIELDS as readonly string[]).includes(u.key))) {
    throw new ValidationError({ kind: [meetingMessage(kind)] });
  }
}

type BulkLettersKind = keyof typeof LETTER_KIND_LABELS;

function meetingMessage(kind: BulkLettersKind): string {
  return (
    `The ${LETTER_KIND_LABELS[kind].toLowerCase()} states a meeting's date, time or place, which are each ` +
    "family's own: produce it from the case's page"
  );
}
