import { TableScroll } from "./table-scroll";
import type { ReactNode } from "react";

export type Column<T> = { header: string; cell: (row: T) => ReactNode; numeric?: boolean };

/** A GOV.UK table with a caption (visible or for screen readers only). */
export function Table<T>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
}: {
  caption: string;
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
}) {
  const numeric = (c: Column<T>) => (c.numeric ? " govuk-table__header--numeric" : "");
  return (
    <TableScroll label={caption}>
      <table className="govuk-table">
        <caption className={captionHidden ? "govuk-visually-hidden" : "govuk-table__caption govuk-table__caption--m"}>
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((c) => (
              <th scope="col" className={`govuk-table__header${numeric(c)}`} key={c.header}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={rowKey(row)}>
              {columns.map((c) => (
                <td className={`govuk-table__cell${c.numeric ? " govuk-table__cell--numeric" : ""}`} key={c.header}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
