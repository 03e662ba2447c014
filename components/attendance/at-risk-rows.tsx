"use client";
// The at-risk table's rows as a client component given plain data: the page's RSC payload then carries each row's
// few facts once (about 250 bytes) instead of its whole element tree (about 1.7 KB, escaped), while the HTML is
// the same, rendered on the server (issue 14 §3: the page was 144 KB a response, two thirds of it that payload).
import Link from "next/link";
import styles from "@/components/attendance/attendance-tables.module.scss";
import { Tag } from "@/components/govuk/tag";

export type AtRiskRow = {
  key: string;
  pupilId: string;
  name: string;
  upn: string;
  school: string;
  year: string;
  sessions: string;
  /** "2 November 2026", when the pupil reached the penalty notice threshold. */
  thresholdWeek: string | null;
  absence: string;
  threshold: boolean;
  persistent: boolean;
  /** The pupil's open case, null with none; undefined when the reader does no casework (no Case column). */
  caseId?: string | null;
};

export function AtRiskRows({ rows }: { rows: AtRiskRow[] }) {
  return rows.map((p) => (
    <tr className="govuk-table__row" key={p.key}>
      <td className="govuk-table__cell">
        <Link className="govuk-link" href={`/pupils/${p.pupilId}/attendance`}>
          {p.name}
        </Link>
      </td>
      <td className={`govuk-table__cell ${styles.upn}`}>{p.upn}</td>
      <td className="govuk-table__cell">{p.school}</td>
      <td className="govuk-table__cell">{p.year}</td>
      <td className="govuk-table__cell">
        {p.sessions}
        {p.thresholdWeek && (
          <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
            threshold reached week commencing {p.thresholdWeek}
          </span>
        )}
      </td>
      <td className="govuk-table__cell govuk-table__cell--numeric">{p.absence}</td>
      <td className="govuk-table__cell">
        <ul className={`govuk-list govuk-!-margin-bottom-0 ${styles.tags}`}>
          {p.threshold && (
            <li>
              <Tag colour="red">Penalty notice threshold</Tag>
            </li>
          )}
          {p.persistent && (
            <li>
              <Tag colour="orange">Persistent absence</Tag>
            </li>
          )}
        </ul>
      </td>
      {p.caseId !== undefined && (
        <td className="govuk-table__cell">
          {p.caseId ? (
            <Link className="govuk-link" href={`/cases/${p.caseId}`}>
              View case<span className="govuk-visually-hidden"> for {p.name}</span>
            </Link>
          ) : (
            <Link className="govuk-link" href={`/cases/new?pupil=${p.pupilId}`}>
              Open a case<span className="govuk-visually-hidden"> for {p.name}</span>
            </Link>
          )}
        </td>
      )}
    </tr>
  ));
}
