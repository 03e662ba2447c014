import type { ReactNode } from "react";
import { TableScroll } from "@/components/govuk/table-scroll";
import type { LegendEntry, Rendered } from "./render-chart";
import styles from "./chart.module.scss";

function Swatch({ entry }: { entry: LegendEntry }) {
  return (
    <svg className={styles.swatch} width="28" height="14" viewBox="0 0 28 14" aria-hidden="true" focusable="false">
      {entry.kind === "bar" ? (
        <rect x="4" y="1" width="20" height="12" fill={entry.colour} />
      ) : (
        <line
          x1="1"
          y1="7"
          x2="27"
          y2="7"
          stroke={entry.colour}
          strokeWidth={entry.kind === "rule" ? 2 : 3}
          strokeDasharray={entry.dash || undefined}
        />
      )}
    </svg>
  );
}

export type FigureTable = {
  caption?: string;
  /** The first column's heading, then one heading per value column. */
  headers: string[];
  rows: { key: string; label: ReactNode; values: ReactNode[] }[];
  /** Which value columns are numbers (right-aligned); all by default. */
  numeric?: boolean[];
};

/**
 * A chart with its title, a one-paragraph summary, its key, the SVG, and the same figures as a table just below (for
 * screen readers, for copying into a spreadsheet, and for anyone who would rather read numbers).
 */
export function ChartFigure({
  id,
  title,
  summary,
  chart,
  table,
  headingLevel = 3,
}: {
  id: string;
  title: string;
  summary: string;
  chart: Rendered;
  table: FigureTable;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const numeric = (i: number) => table.numeric?.[i] ?? true;
  const caption = table.caption ?? `The figures in the chart: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-heading`} data-chart={id}>
      <figcaption>
        <Heading className={headingLevel === 2 ? "govuk-heading-m" : "govuk-heading-s"} id={`${id}-heading`}>
          {title}
        </Heading>
        <p className="govuk-body">{summary}</p>
      </figcaption>
      {chart.legend.length > 0 && (
        <ul className={`govuk-body-s ${styles.legend}`} aria-label={`Key to ${title.toLowerCase()}`}>
          {chart.legend.map((entry) => (
            <li className={styles.key} key={entry.label}>
              <Swatch entry={entry} />
              {entry.label}
            </li>
          ))}
        </ul>
      )}
      <div className={styles.plot} dangerouslySetInnerHTML={{ __html: chart.svg }} />
      <TableScroll label={caption}>
        <table className={`govuk-table govuk-!-font-size-16 ${styles.table}`}>
          <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              {table.headers.map((h, i) => (
                <th
                  scope="col"
                  className={`govuk-table__header${i > 0 && numeric(i - 1) ? " govuk-table__header--numeric" : ""}`}
                  key={h}
                >
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {table.rows.map((r) => (
              <tr className="govuk-table__row" key={r.key}>
                <th scope="row" className="govuk-table__header">
                  {r.label}
                </th>
                {r.values.map((v, i) => (
                  <td className={`govuk-table__cell${numeric(i) ? " govuk-table__cell--numeric" : ""}`} key={i}>
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
