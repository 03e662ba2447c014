import { exportQueue } from "@/lib/server/queues/export-queue";
import { paramsOf, parseQueueFilters } from "@/lib/server/queues/queue-filters";
import { csvResponse, downloadActor, notFoundResponse } from "../../attendance/csv-download";

export const dynamic = "force-dynamic";

/**
 * GET /cases/export.csv?queue=&school=&officer=&sort=&dir=: every row of the queue with those filters (all pages),
 * as the page shows them. Officers and managers only (anyone else: 404). Text cells are made safe to open in a
 * spreadsheet (no formulas).
 */
export async function GET(request: Request) {
  const actor = await downloadActor("case.read");
  if (!actor) return notFoundResponse();
  const { filters } = parseQueueFilters(paramsOf(new URL(request.url).searchParams));
  const { today, rows } = await exportQueue(actor, filters);
  const isFlags = filters.queue === "flags";
  return csvResponse(
    `${isFlags ? "flags-awaiting-triage" : `cases-${filters.queue}`}-${today}.csv`,
    isFlags
      ? ["flag_id", "pupil", "upn", "school", "flagged_on", "reason"]
      : ["case_id", "pupil", "upn", "school", "officer", "status", "queue_date", "window_end", "due_or_overdue"],
    rows.map((r) =>
      isFlags
        ? [r.id, r.pupil, r.upn, r.school, r.day, r.items[0]?.label ?? ""]
        : [
            r.id,
            r.pupil,
            r.upn,
            r.school,
            r.officer,
            r.status,
            r.day,
            r.windowEnd ?? "",
            r.items.map((i) => `${i.label} ${i.due}`).join("; "),
          ],
    ),
  );
}
