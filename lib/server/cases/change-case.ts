import "server-only";
import { assertMayChangeCase } from "./assert-may-change-case";
import type { AttendanceCase, Prisma } from "@/lib/generated/prisma/client";
import { checkVersion, STALE_VERSION } from "@/lib/domain/case-rules";
import { now } from "@/lib/env";
import { authorize, type Actor } from "../actor";
import { audit, type AuditEntry } from "../audit";
import { db, type Tx } from "../db";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import { caseScope } from "./case-scope";
import { isUniqueViolation } from "./is-unique-violation";
import { writeTimelineEvents, type TimelineEvent } from "../timeline/write-timeline-events";

export type CaseChange = {
  data: Prisma.AttendanceCaseUpdateManyMutationInput;
  /** `id` when the plan needs to point at the entry before it is written (a task marked done by it). */
  events: Omit<TimelineEvent, "caseId" | "authorityId" | "actorUserId">[];
  auditDetail?: Prisma.InputJsonObject;
  /** Further audit rows (another record changed in the same step, e.g. the task a visit completes), written with
   * the case's row, last. */
  moreAudit?: AuditEntry[];
};

const ID = /^[0-9a-f-]{36}$/i;

/**
 * The one path for changing a case (every case mutation uses it), in one transaction: find the case in the
 * actor's scope (else NotFoundError); canChangeCase (not the assigned officer or a manager: ForbiddenError; a
 * closed case: ValidationError); the version check against the version the user's form was built from; then
 * `plan` decides the change from the case as stored (throwing ValidationError for a broken rule), and the
 * update is written only `WHERE id = … AND version = …`, so of two saves made from the same version the second
 * is refused with STALE_VERSION and changes nothing. The timeline entries and the audit row go in the same
 * transaction. Returns the case as saved.
 */
export async function changeCase(
  actor: Actor,
  ref: { caseId: string; version: number },
  options: { action: string; change?: "edit" | "reopen" },
  plan: (kase: AttendanceCase, tx: Tx) => Promise<CaseChange>,
): Promise<AttendanceCase> {
  authorize(actor, "case.manage");
  if (!ID.test(ref.caseId)) throw new NotFoundError("Case");
  try {
    return await db.$transaction((tx) => changeCaseInTx(tx, actor, ref, options, plan));
  } catch (error) {
    if (isUniqueViolation(error, "attendance_case_one_open_per_pupil")) {
      throw new ValidationError({}, "This pupil already has another open case, so this one cannot be reopened");
    }
    throw error;
  }
}

/**
 * changeCase's steps inside a transaction the caller holds: the API's case opened with its window (openCaseInTx, then
 * this), and work on several cases at once (bulk work in the queues), one transaction so that every case changes or
 * none. `auditDetail` is added to the case's audit row.
 */
export async function changeCaseInTx(
  tx: Tx,
  actor: Actor,
  ref: { caseId: string; version: number },
  options: {
    action: string;
    change?: "edit" | "reopen";
    auditDetail?: Prisma.InputJsonObject;
    /** Collects the audit row instead of writing it, for the caller to write last (audit() holds the authority's
     * chain lock to the end of the transaction, so work on further cases must come before it). */
    auditInto?: AuditEntry[];
  },
  plan: (kase: AttendanceCase, tx: Tx) => Promise<CaseChange>,
): Promise<AttendanceCase> {
  authorize(actor, "case.manage");
  if (!ID.test(ref.caseId)) throw new NotFoundError("Case");
  const stale = () => new ConflictError({ version: [STALE_VERSION] }, STALE_VERSION);
  const kase = await tx.attendanceCase.findFirst({ where: { AND: [caseScope(actor), { id: ref.caseId }] } });
  if (!kase) throw new NotFoundError("Case");
  assertMayChangeCase(actor, kase, options.change);
  if (!checkVersion(ref.version, kase.version).ok) throw stale();

  const change = await plan(kase, tx);
  const { count } = await tx.attendanceCase.updateMany({
    where: { id: kase.id, version: ref.version },
    data: { ...change.data, version: { increment: 1 }, updatedAt: now() },
  });
  if (count === 0) throw stale();
  await writeTimelineEvents(
    tx,
    change.events.map((e) => ({ ...e, caseId: kase.id, authorityId: kase.authorityId, actorUserId: actor.id })),
  );
  const entry: AuditEntry = {
    action: options.action,
    entityType: "case",
    entityId: kase.id,
    detail: { version: ref.version + 1, ...change.auditDetail, ...options.auditDetail },
  };
  const entries = [entry, ...(change.moreAudit ?? [])];
  if (options.auditInto) options.auditInto.push(...entries);
  else await audit(actor, entries, tx);
  return tx.attendanceCase.findUniqueOrThrow({ where: { id: kase.id } });
}
