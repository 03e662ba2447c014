import "server-only";
import { randomUUID } from "node:crypto";
import type { CaseEventKind } from "@/lib/schemas/case";
import { queryable, type DbClient } from "../queryable";

/** One entry on a case's timeline. `actorUserId` is null only for the service's own kinds (the daily job's). */
export type TimelineEvent = {
  /** Given when the caller must point at the entry before it is written; otherwise the database makes one. */
  id?: string;
  caseId: string;
  authorityId: string;
  kind: CaseEventKind;
  /** The day it happened (YYYY-MM-DD), which orders the timeline. */
  occurredOn: string;
  note?: string;
  actorUserId: string | null;
  details?: Record<string, unknown>;
  /** An interview under caution's outcome: held, refused or no_response (issue 10). */
  outcome?: string | null;
  /** The parents the entry concerns (parties to the case); an interview under caution names at least one. */
  parentIds?: readonly string[];
  /** A visit, meeting or call recorded in full (issue 15; lib/domain/contact-records.ts). */
  contact?: ContactColumns | null;
};

/** A contact record as stored: time "HH:MM", outcome code, child seen (null for a phone call), others, next step. */
export type ContactColumns = {
  time: string;
  outcome: string;
  childSeen: boolean | null;
  othersSeen: string | null;
  nextStep: string;
};

/**
 * The one writer of case timeline events, for every path (server functions in a Prisma transaction through
 * tx, the daily job on a pg client): one statement for any number of events, in the caller's
 * transaction. The database holds the rest (kinds, who may have no actor, the case in the same authority).
 */
export async function writeTimelineEvents(q: DbClient, events: readonly TimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Entries that name parents get their id here, so the parent rows can point at them.
  const rows = events.map((e) => (e.parentIds?.length && !e.id ? { ...e, id: randomUUID() } : e));
  await queryable(q).query(
    `INSERT INTO case_event (id, case_id, authority_id, kind, occurred_on, note, actor_user_id, details, outcome,
       contact_time, contact_outcome, child_seen, others_seen, next_step)
     SELECT coalesce(x.id, gen_random_uuid()), x.case_id, x.authority_id, x.kind, x.occurred_on, x.note, x.actor_user_id,
       x.details, x.outcome, x.contact_time, x.contact_outcome, x.child_seen, x.others_seen, x.next_step
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, case_id uuid, authority_id uuid, kind text, occurred_on date, note text,
       actor_user_id uuid, details jsonb, outcome text, contact_time text, contact_outcome text, child_seen boolean,
       others_seen text, next_step text)`,
    [
      JSON.stringify(
        rows.map((e) => ({
          id: e.id ?? null,
          case_id: e.caseId,
          authority_id: e.authorityId,
          kind: e.kind,
          occurred_on: e.occurredOn,
          note: e.note ?? "",
          actor_user_id: e.actorUserId,
          details: e.details ?? {},
          outcome: e.outcome ?? null,
          contact_time: e.contact?.time ?? null,
          contact_outcome: e.contact?.outcome ?? null,
          child_seen: e.contact?.childSeen ?? null,
          others_seen: e.contact?.othersSeen ?? null,
          next_step: e.contact?.nextStep ?? null,
        })),
      ),
    ],
  );
  const parties = rows.flatMap((e) =>
    (e.parentIds ?? []).map((parentId) => ({
      authority_id: e.authorityId,
      event_id: e.id,
      case_id: e.caseId,
      parent_id: parentId,
    })),
  );
  if (parties.length === 0) return;
  await queryable(q).query(
    `INSERT INTO case_event_party (authority_id, event_id, case_id, parent_id)
     SELECT x.authority_id, x.event_id, x.case_id, x.parent_id
     FROM jsonb_to_recordset($1::jsonb) AS x(authority_id uuid, event_id uuid, case_id uuid, parent_id uuid)`,
    [JSON.stringify(parties)],
  );
}
