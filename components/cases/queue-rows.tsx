"use client";
// The work queue's rows (/cases) as a client component given plain data: the page's RSC payload then carries each
// row's few facts once instead of its whole element tree (checkbox, links, tags; about 2.5 KB a row, escaped),
// while the HTML is the same, rendered on the server (issue 14 §3: the page was 144 KB a response, two thirds of
// it that payload).
import Link from "next/link";
import { Tag, type TagColour } from "@/components/govuk/tag";

export type QueueRowView = {
  id: string;
  href: string;
  pupil: string;
  upn: string;
  school: string;
  /** Absent on the flags queue (a flag has no officer yet). */
  officer?: string;
  status: string;
  statusColour: TagColour;
  /** The queue's date, as "27 November 2026". */
  day: string;
  /** On track at a glance (absent on the flags queue): null before a window starts. */
  onTrack?: { label: string; colour: TagColour; figures: string } | null;
  /** The details column's lines (a flag's reason on the flags queue). */
  details: string[];
};

/**
 * `bulk`: each row has a checkbox to act on several cases at once (the form around the table is /cases/bulk's);
 * `noneSelected`: that form came back with none ticked, so the checkboxes show the error.
 */
export function QueueRows({
  rows,
  bulk,
  noneSelected,
  flags,
}: {
  rows: QueueRowView[];
  bulk: boolean;
  noneSelected: boolean;
  flags: boolean;
}) {
  return rows.map((r) => (
    <tr className="govuk-table__row" key={r.id}>
      {bulk && (
        <td className="govuk-table__cell">
          <div className={`govuk-form-group govuk-!-margin-bottom-0${noneSelected ? " govuk-form-group--error" : ""}`}>
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id={`select-${r.id}`}
                  name="case"
                  type="checkbox"
                  value={r.id}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`select-${r.id}`}>
                  <span className="govuk-visually-hidden">Select {r.pupil}</span>
                </label>
              </div>
            </div>
          </div>
        </td>
      )}
      <td className="govuk-table__cell">
        <Link className="govuk-link" href={r.href}>
          {r.pupil}
        </Link>
        <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">UPN {r.upn}</span>
      </td>
      <td className="govuk-table__cell">{r.school}</td>
      {!flags && <td className="govuk-table__cell">{r.officer}</td>}
      <td className="govuk-table__cell">
        <Tag colour={r.statusColour}>{r.status}</Tag>
      </td>
      <td className="govuk-table__cell">{r.day}</td>
      {!flags && (
        <td className="govuk-table__cell">
          {r.onTrack ? (
            <>
              <Tag colour={r.onTrack.colour}>{r.onTrack.label}</Tag>
              <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{r.onTrack.figures}</span>
            </>
          ) : (
            <span className="govuk-body-s">No window yet</span>
          )}
        </td>
      )}
      <td className="govuk-table__cell">
        {flags ? (
          r.details[0]
        ) : (
          <ul className="govuk-list govuk-!-margin-bottom-0 govuk-!-font-size-16">
            {r.details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  ));
}
