import "server-only";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { loadQueues } from "./load-queues";
import type { QueueFilters } from "./queue-filters";

/** Every row of one queue under the filters (all pages), for the CSV download. Officers and managers only;
 * audited, one row per download. */
export async function exportQueue(actor: Actor, filters: QueueFilters) {
  const loaded = await loadQueues(actor, filters);
  const rows = loaded.rows[filters.queue];
  await audit(actor, {
    action: "case.queue_export",
    entityType: "authority",
    entityId: actor.authorityId,
    detail: {
      queue: filters.queue,
      schoolId: filters.school || null,
      officer: loaded.officerApplied[filters.queue],
      results: rows.length,
    },
  });
  return { today: loaded.today, rows };
}
