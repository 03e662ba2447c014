import "server-only";
import { parseCalendarCsv } from "@/lib/domain/school-calendar";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { ValidationError } from "../errors";
import { withPgTransaction } from "../pg";
import { loadCalendarEntries, mergeByAcademicYear, saveCalendar } from "./calendar-store";

export type CalendarActor = Actor | { system: "cli" | "seed" | "bench"; authorityId: string };

/**
 * Loads a calendar CSV (`kind,start,end,name`; kind `term` or `closure`). Each academic year the file has a
 * term in is replaced whole; other years are kept. Bad rows: ValidationError listing each line, nothing saved.
 */
export async function importCalendarCsv(actor: CalendarActor, text: string) {
  if ("id" in actor) authorize(actor, "reference_data.manage");
  const { entries, errors } = parseCalendarCsv(text);
  if (errors.length > 0)
    throw new ValidationError(
      { file: errors.map((e) => e.message) },
      `The file has ${errors.length} problem${errors.length === 1 ? "" : "s"}; nothing was saved`,
    );
  if (!entries.some((e) => e.kind === "term")) throw new ValidationError({ file: ["The file has no term rows"] });
  return withPgTransaction(async (client) => {
    const existing = await loadCalendarEntries(client, actor.authorityId);
    const merged = mergeByAcademicYear(existing, entries);
    await saveCalendar(client, actor.authorityId, merged);
    await audit(
      "id" in actor ? actor : { system: actor.system, authorityId: actor.authorityId },
      {
        action: "calendar.import",
        entityType: "authority",
        entityId: actor.authorityId,
        detail: { rows: entries.length },
      },
      client,
    );
    return { rows: entries.length };
  });
}
