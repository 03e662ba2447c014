import Link from "next/link";

/**
 * A sortable column header as a link (no JavaScript needed): following it sorts by the column, ascending first,
 * and again reverses the direction. aria-sort tells screen readers which column the table is sorted by.
 */
export function SortHeader({
  label,
  active,
  direction,
  href,
}: {
  label: string;
  active: boolean;
  direction: "asc" | "desc";
  href: string;
}) {
  const sortState = active ? (direction === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" className="govuk-table__header" aria-sort={sortState}>
      <Link className="govuk-link govuk-link--no-visited-state" href={href}>
        {label}
        {active && <span aria-hidden="true">{direction === "asc" ? " ▲" : " ▼"}</span>}
        <span className="govuk-visually-hidden">
          {active
            ? `, sorted ${sortState}; select to sort ${direction === "asc" ? "descending" : "ascending"}`
            : ", select to sort"}
        </span>
      </Link>
    </th>
  );
}
