import "server-only";
import type { CalendarEntry } from "@/lib/domain/school-calendar";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { NotFoundError } from "../errors";
import { pgPool, withPgTransaction } from "../pg";
import { loadCalendarEntries, saveCalendar, type StoredEntry } from "./calendar-store";

async function change(
  actor: Actor,
  action: string,
  edit: (entries: (CalendarEntry & { id: string })[]) => StoredEntry[],
) {
  authorize(actor, "reference_data.manage");
  await withPgTransaction(async (client) => {
    const existing = await loadCalendarEntries(client, actor.authorityId);
    await saveCalendar(client, actor.authorityId, edit(existing));
    await audit(actor, { action, entityType: "authority", entityId: actor.authorityId }, client);
  });
}

/** Adds one term or closure to the actor's authority calendar, checked against the rest. */
export function addCalendarEntry(actor: Actor, entry: CalendarEntry) {
  return change(actor, "calendar.add_entry", (existing) => [...existing, entry]);
}

export function deleteCalendarEntry(actor: Actor, entryId: string) {
  return change(actor, "calendar.delete_entry", (existing) => {
    if (!existing.some((e) => e.id === entryId)) throw new NotFoundError("Calendar entry");
    return existing.filter((e) => e.id !== entryId);
  });
}

/** The actor's authority calendar, for the administrators' page. */
export async function findCalendarEntries(actor: Actor) {
  authorize(actor, "reference_data.manage");
  return loadCalendarEntries(pgPool(), actor.authorityId);
}
