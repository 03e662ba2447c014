import "server-only";
import type { QueueKey } from "@/lib/domain/case-queues";
import { can } from "@/lib/domain/permissions";
import type { Actor } from "../actor";
import { countQueues } from "../queues/count-queues";

/** The work queues' counts for an officer's or manager's home page; null for anyone who cannot see cases. */
export async function getQueueSummary(actor: Actor): Promise<Record<QueueKey, number> | null> {
  if (!can(actor, "case.read")) return null;
  return countQueues(actor);
}
