import "server-only";
import { QUEUE_KEYS, type QueueKey } from "@/lib/domain/case-queues";
import type { Actor } from "../actor";
import { loadQueues } from "./load-queues";

/** How many rows each queue holds for the actor with no filters (the home page's summary). Counts only, no
 * names, so no audit row. Officers and managers only. */
export async function countQueues(actor: Actor): Promise<Record<QueueKey, number>> {
  const loaded = await loadQueues(actor, {
    queue: "my-cases",
    school: "",
    officer: "",
    sort: "date",
    dir: "asc",
    page: 1,
  });
  return Object.fromEntries(QUEUE_KEYS.map((q) => [q, loaded.rows[q].length])) as Record<QueueKey, number>;
}
