import "server-only";
import type { WindowSettings } from "@/lib/domain/fast-track-window";
import { authorize, type Actor } from "../actor";
import { loadWindowSettings } from "./load-window-settings";

/** The actor's authority's Fast Track window settings, for the administrators who edit them. */
export async function getWindowSettings(actor: Actor): Promise<WindowSettings> {
  authorize(actor, "case.settings");
  return loadWindowSettings(actor.authorityId);
}
