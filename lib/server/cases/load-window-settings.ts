import "server-only";
import { DEFAULT_WINDOW_SETTINGS, validateWindowSettings, type WindowSettings } from "@/lib/domain/fast-track-window";
import { db, type Tx } from "../db";

/**
 * An authority's Fast Track window settings: its stored row, or DEFAULT_WINDOW_SETTINGS when it has none. A
 * stored row is written only after validation, but is checked again here so that a bad row fails loudly rather
 * than planning a wrong window.
 */
export async function loadWindowSettings(authorityId: string, tx: Tx = db): Promise<WindowSettings> {
  const row = await tx.authorityCaseSettings.findUnique({ where: { authorityId } });
  if (!row) return DEFAULT_WINDOW_SETTINGS;
  const settings = row.windowSettings as unknown as WindowSettings;
  const problems = validateWindowSettings(settings);
  if (problems.length > 0) {
    throw new Error(
      `Stored window settings for authority ${authorityId} are invalid: ${problems.map((p) => p.message).join("; ")}`,
    );
  }
  return settings;
}
