import { formatUkDateTime } from "@/components/cases/format";
import { TableScroll } from "@/components/govuk/table-scroll";
import type { AuditRowView } from "@/lib/domain/audit-row";

/** "pupil A801… (0c0e…)": what the row is about. */
export function recordLabel(row: Pick<AuditRowView, "entityType" | "entityId" | "upn">): string {
  if (!row.entityType) return "";
  const what = row.entityType.replaceAll("_", " ");
  return row.upn ? `${what} ${row.upn}` : `${what} ${row.entityId ?? ""}`.trim();
}

/** The audit log's rows for the auditor: when, who, what, which record, why, and from where. */
export function AuditRowsTable({ rows, caption }: { rows: AuditRowView[]; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table className="govuk-table app-audit-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {["When", "Who", "Action", "Record", "Purpose or reason", "More"].map((h) => (
              <th scope="col" className="govuk-table__header" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.id}>
              <td className="govuk-table__cell">{formatUkDateTime(row.at)}</td>
              <td className="govuk-table__cell">
                {row.who}
                {row.token && <span className="govuk-hint govuk-!-margin-bottom-0">through API token {row.token}</span>}
              </td>
              <td className="govuk-table__cell">
                <code>{row.action}</code>
              </td>
              <td className="govuk-table__cell">{recordLabel(row)}</td>
              <td className="govuk-table__cell">{row.reason ? <>Reason given: {row.reason}</> : row.purpose}</td>
              <td className="govuk-table__cell">
                <details className="govuk-details govuk-!-margin-bottom-0">
                  <summary className="govuk-details__summary">
                    <span className="govuk-details__summary-text">Row {row.id}</span>
                  </summary>
                  <div className="govuk-details__text">
                    <dl className="govuk-body-s">
                      <dt>Client address</dt>
                      <dd>{row.clientAddress ?? "none recorded"}</dd>
                      <dt>Session</dt>
                      <dd>{row.sessionId ?? "none"}</dd>
                      <dt>Request id</dt>
                      <dd>{row.requestId ?? "none"}</dd>
                      <dt>Detail</dt>
                      <dd>
                        <code>{JSON.stringify(row.detail)}</code>
                      </dd>
                    </dl>
                  </div>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
