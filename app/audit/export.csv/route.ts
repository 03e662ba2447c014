import { recordLabel } from "@/components/audit/audit-rows-table";
import { formatUkDateTime } from "@/components/cases/format";
import { parseAuditSearch } from "@/lib/schemas/audit";
import { exportAuditLog } from "@/lib/server/audit-log/search-audit-log";
import { ValidationError } from "@/lib/server/errors";
import { csvResponse, downloadActor, notFoundResponse } from "../../attendance/csv-download";
import { paramsOf } from "@/lib/schemas/attendance-filters";

export const dynamic = "force-dynamic";

/** GET /audit/export.csv?…: every row of the audit search with those filters (auditors only; audited). */
export async function GET(request: Request) {
  const actor = await downloadActor("audit.read");
  if (!actor) return notFoundResponse();
  const parsed = parseAuditSearch(paramsOf(new URL(request.url).searchParams));
  const problems = (messages: string[]) =>
    new Response(`${messages.join("\n")}\n`, { status: 422, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (!parsed.ok) return problems(parsed.errors.map((e) => e.message));
  try {
    const { rows } = await exportAuditLog(actor, parsed.search);
    return csvResponse(
      "audit-log.csv",
      [
        "row",
        "when",
        "who",
        "api_token",
        "action",
        "record_type",
        "record_id",
        "record",
        "purpose",
        "reason",
        "client_address",
        "session",
        "request_id",
        "detail",
      ],
      rows.map((r) => [
        r.id,
        formatUkDateTime(r.at),
        r.who,
        r.token ?? "",
        r.action,
        r.entityType ?? "",
        r.entityId ?? "",
        recordLabel(r),
        r.purpose ?? "",
        r.reason ?? "",
        r.clientAddress ?? "",
        r.sessionId ?? "",
        r.requestId ?? "",
        JSON.stringify(r.detail),
      ]),
    );
  } catch (error) {
    if (error instanceof ValidationError) return problems(Object.values(error.fieldErrors).flat());
    throw error;
  }
}
