import "server-only";
import { QUEUE_KEYS, type QueueKey } from "@/lib/domain/case-queues";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { onTrackForScopedCases } from "../cases/on-track-for-scoped-cases";
import { loadQueues } from "./load-queues";
import type { FilterProblem, QueueFilters } from "./queue-filters";

export const QUEUE_PAGE_SIZE = 50;

/**
 * One page of one work queue, with every queue's count under the same filters (for the tabs), the schools and
 * officers to filter by, and any problem with the filters. Officers and managers only; audited, one row per view.
 * A page past the last shows the last page and says so.
 */
export async function findQueue(actor: Actor, filters: QueueFilters, problems: FilterProblem[] = []) {
  const loaded = await loadQueues(actor, filters);
  const all = loaded.rows[filters.queue];
  const pageCount = Math.max(1, Math.ceil(all.length / QUEUE_PAGE_SIZE));
  const allProblems = [...problems, ...loaded.problems];
  let page = filters.page;
  if (page > pageCount) {
    allProblems.push({
      field: "page",
      message: `There is no page ${page}: this queue has ${pageCount} page${pageCount === 1 ? "" : "s"}. Showing page ${pageCount}.`,
    });
    page = pageCount;
  }
  const pageRows = all.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE);
  // On track at a glance, for the cases on this page (loadQueues read them in the actor's scope).
  const glance = await onTrackForScopedCases(
    actor.authorityId,
    pageRows.filter((r) => r.kind === "case").map((r) => r.id),
  );
  const rows = pageRows.map((r) => ({ ...r, onTrack: glance.get(r.id) ?? null }));
  const counts = Object.fromEntries(QUEUE_KEYS.map((q) => [q, loaded.rows[q].length])) as Record<QueueKey, number>;
  await audit(actor, {
    action: "case.queue_view",
    entityType: "authority",
    entityId: actor.authorityId,
    detail: {
      queue: filters.queue,
      schoolId: filters.school || null,
      officer: loaded.officerApplied[filters.queue],
      sort: filters.sort,
      dir: filters.dir,
      page,
      results: rows.length,
      total: all.length,
    },
  });
  return {
    today: loaded.today,
    queue: filters.queue,
    officerApplied: loaded.officerApplied[filters.queue],
    counts,
    total: all.length,
    page,
    pageCount,
    rows,
    schools: loaded.schools,
    officers: loaded.officers,
    problems: allProblems,
  };
}
