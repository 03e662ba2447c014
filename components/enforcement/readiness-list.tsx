// The readiness items of one referral (one parent), as computed from the record (lib/domain/referral-readiness.ts):
// each item met or missing, what it rests on with links to the records, and the register's pointers to defences.
import Link from "next/link";
import { Tag } from "@/components/govuk/tag";
import { formatUkDate } from "@/lib/domain/dates";
import { READINESS_FIELDS, READINESS_LABELS, type ReadinessItem } from "@/lib/domain/referral-readiness";

export function ReadinessList({
  items,
  caseId,
  evidenceId,
  idPrefix = "",
}: {
  items: readonly ReadinessItem[];
  caseId: string;
  evidenceId: string;
  /** Prefixes the rows' ids where a page lists several referrals (each parent's own). */
  idPrefix?: string;
}) {
  const href = (e: ReadinessItem["evidence"][number]) =>
    e.kind === "letter"
      ? `/cases/${caseId}/letters/${e.id}`
      : e.kind === "certificate"
        ? `/certificates/${evidenceId}`
        : `/cases/${caseId}#timeline`;
  return (
    <dl className="govuk-summary-list" data-testid="readiness">
      {items.map((item) => (
        <div
          className="govuk-summary-list__row"
          key={item.key}
          data-item={item.key}
          // The record's items are the targets of the error summary's links (the manager's own are form fields).
          id={item.key === "eso" || item.key === "defences" ? undefined : `${idPrefix}${READINESS_FIELDS[item.key]}`}
        >
          <dt className="govuk-summary-list__key">{READINESS_LABELS[item.key]}</dt>
          <dd className="govuk-summary-list__value">
            <p className="govuk-body govuk-!-margin-bottom-1">
              {item.met ? <Tag colour="green">Met</Tag> : <Tag colour="red">Missing</Tag>}
            </p>
            <p className="govuk-body govuk-!-margin-bottom-1">{item.message}</p>
            {item.evidence.length > 0 && (
              <ul className="govuk-list">
                {item.evidence.map((e) => (
                  <li key={`${e.kind}-${e.id}`}>
                    <Link className="govuk-link" href={href(e)}>
                      {e.label}, {formatUkDate(e.date)}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {item.notes && item.notes.length > 0 && (
              <ul className="govuk-list govuk-list--bullet govuk-body-s">
                {item.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
