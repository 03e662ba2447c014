import "server-only";
import {
  RETENTION_RECORD_TYPES,
  RETENTION_RULES,
  type RetentionRecordType,
  type RetentionRule,
} from "@/lib/domain/retention";
import { retentionScheduleSchema } from "@/lib/schemas/retention";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { parseInput } from "../cases/parse-input";
import { db } from "../db";

export type RetentionPeriod = {
  type: RetentionRecordType;
  rule: RetentionRule;
  keepMonths: number;
  /** The authority chose it; otherwise it is the default. */
  chosen: boolean;
  updatedAt: Date | null;
};

/** The authority's period for each record type: its choice, or the default (ADR 039). */
export async function readRetentionSchedule(authorityId: string): Promise<RetentionPeriod[]> {
  const rows = await db.retentionSchedule.findMany({ where: { authorityId } });
  return RETENTION_RECORD_TYPES.map((type) => {
    const row = rows.find((r) => r.recordType === type);
    return {
      type,
      rule: RETENTION_RULES[type],
      keepMonths: row?.keepMonths ?? RETENTION_RULES[type].defaultMonths,
      chosen: Boolean(row),
      updatedAt: row?.updatedAt ?? null,
    };
  });
}

/** The schedule page: the data protection officer's (retention.manage). */
export async function getRetentionSchedule(actor: Actor): Promise<RetentionPeriod[]> {
  authorize(actor, "retention.manage");
  return readRetentionSchedule(actor.authorityId);
}

/** Saves the periods that changed (the form's schema and the domain's rule; the database CHECKs them again);
 * audited with each change from and to. */
export async function setRetentionSchedule(actor: Actor, raw: unknown): Promise<{ changed: number }> {
  authorize(actor, "retention.manage");
  const input = parseInput(retentionScheduleSchema, raw);
  return db.$transaction(async (tx) => {
    const current = await tx.retentionSchedule.findMany({ where: { authorityId: actor.authorityId } });
    const changes: { type: RetentionRecordType; from: number; to: number }[] = [];
    for (const type of RETENTION_RECORD_TYPES) {
      const before = current.find((r) => r.recordType === type)?.keepMonths ?? RETENTION_RULES[type].defaultMonths;
      const after = input[type];
      if (before === after) continue;
      changes.push({ type, from: before, to: after });
      await tx.retentionSchedule.upsert({
        where: { authorityId_recordType: { authorityId: actor.authorityId, recordType: type } },
        create: { authorityId: actor.authorityId, recordType: type, keepMonths: after, updatedBy: actor.id },
        update: { keepMonths: after, updatedBy: actor.id, updatedAt: new Date() },
      });
    }
    if (changes.length > 0) {
      await audit(
        actor,
        {
          action: "retention.schedule_change",
          entityType: "authority",
          entityId: actor.authorityId,
          detail: { changes },
        },
        tx,
      );
    }
    return { changed: changes.length };
  });
}
