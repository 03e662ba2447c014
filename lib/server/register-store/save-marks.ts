import "server-only";
import type pg from "pg";
import type { ImportCounts } from "../attendance/import-context";
import { applyDelta } from "./apply-delta";
import { createDelta, diffStaged } from "./delta";
import { createStage } from "./stage";
import { summariseDelta } from "./summarise";

export type MarkCounts = Pick<ImportCounts, "marksCreated" | "marksUpdated" | "marksUnchanged">;

/** Creates the temp tables an import fills: mark_stage (stage.ts) and mark_delta (delta.ts). */
export async function openMarkStore(client: pg.PoolClient): Promise<void> {
  await createStage(client);
  await createDelta(client);
}

/**
 * Saves an import's marks, in the caller's transaction (which holds lockRegisters): the staged marks that differ
 * from the stored ones are written (history kept for changed codes), then the summaries take every change,
 * including the marks a first load wrote itself (`written` of them, already in mark_delta). The caller has checked
 * every mark, and found no duplicate. `staged` is the number of rows in mark_stage (the caller knows it).
 */
export async function saveMarks(
  client: pg.PoolClient,
  options: {
    authorityId: string;
    importId: string;
    changedBy: string | null;
    at: Date;
    staged: number;
    written?: number;
    beforeSummaries?: () => void;
  },
): Promise<MarkCounts> {
  if (options.staged > 0) await diffStaged(client, options.authorityId, options.staged);
  const { created, updated } = await applyDelta(client, options);
  options.beforeSummaries?.();
  await summariseDelta(client, options.authorityId);
  return {
    marksCreated: created + (options.written ?? 0),
    marksUpdated: updated,
    marksUnchanged: options.staged - created - updated,
  };
}
