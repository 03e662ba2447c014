import Link from "next/link";

/** GOV.UK pagination: previous/next plus page numbers. `hrefFor` builds each page's URL (filters stay in it). */
export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1).filter(
    (p) => p === 1 || p === pageCount || Math.abs(p - page) <= 2,
  );
  return (
    <nav className="govuk-pagination" aria-label="Pagination">
      {page > 1 && (
        <div className="govuk-pagination__prev">
          <Link className="govuk-link govuk-pagination__link" href={hrefFor(page - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      )}
      <ul className="govuk-pagination__list">
        {pages.map((p, i) => (
          <PageItem key={p} p={p} current={p === page} gap={i > 0 && p - pages[i - 1]! > 1} href={hrefFor(p)} />
        ))}
      </ul>
      {page < pageCount && (
        <div className="govuk-pagination__next">
          <Link className="govuk-link govuk-pagination__link" href={hrefFor(page + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </Link>
        </div>
      )}
    </nav>
  );
}

function PageItem({ p, current, gap, href }: { p: number; current: boolean; gap: boolean; href: string }) {
  return (
    <>
      {gap && <li className="govuk-pagination__item govuk-pagination__item--ellipses">&ctdot;</li>}
      <li className={`govuk-pagination__item${current ? " govuk-pagination__item--current" : ""}`}>
        <Link
          className="govuk-link govuk-pagination__link"
          href={href}
          aria-label={`Page ${p}`}
          aria-current={current ? "page" : undefined}
        >
          {p}
        </Link>
      </li>
    </>
  );
}
