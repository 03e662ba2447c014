import "server-only";
import { queryable, type DbClient } from "../queryable";
// The one writer of the service's tasks on a raw connection (the daily job runs on pg, inside its own transaction):
// a follow-up for the case's officer after a decision, made once per source key (case_task_made_once), so a re-run
// of the job writes nothing twice.

export type SystemTask = {
  authorityId: string;
  caseId: string;
  /** Who should act: usually the case's officer. */
  assignedTo: string;
  title: string;
  dueOn: string;
  notes?: string;
  /** What made it, unique per case: decisionTaskKey(decisionId) for a daily-job decision. */
  sourceKey: string;
};

/** Inserts follow-up tasks made by the daily job, skipping any already made; returns nothing (the job counts its
 * decisions, not its tasks). */
export async function insertSystemTasks(client: DbClient, tasks: readonly SystemTask[], at: Date): Promise<void> {
  if (tasks.length === 0) return;
  await queryable(client).query(
    `INSERT INTO case_task (authority_id, case_id, kind, title, due_on, notes, assigned_to, source, source_key,
                            created_at, updated_at)
     SELECT x.authority_id, x.case_id, 'follow_up', x.title, x.due_on, coalesce(x.notes, ''), x.assigned_to,
            'daily_job', x.source_key, $2::timestamptz, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x(authority_id uuid, case_id uuid, title text, due_on date, notes text,
                                             assigned_to uuid, source_key text)
     ON CONFLICT DO NOTHING`,
    [
      JSON.stringify(
        tasks.map((t) => ({
          authority_id: t.authorityId,
          case_id: t.caseId,
          title: t.title,
          due_on: t.dueOn,
          notes: t.notes ?? "",
          assigned_to: t.assignedTo,
          source_key: t.sourceKey,
        })),
      ),
      at.toISOString(),
    ],
  );
}
