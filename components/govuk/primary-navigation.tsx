"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavItem = { href: string; text: string };

/** MOJ primary navigation; the current section is marked with aria-current. */
export function PrimaryNavigation({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  // The current section is the longest link the path falls under (so /attendance/at-risk marks "At risk",
  // not also "Attendance").
  const matches = (href: string) =>
    href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  const best = items.filter((i) => matches(i.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  const current = (href: string) => href === best;
  return (
    <div className="moj-primary-navigation">
      <div className="moj-primary-navigation__container">
        <div className="moj-primary-navigation__nav">
          <nav className="moj-primary-navigation" aria-label={label}>
            <ul className="moj-primary-navigation__list">
              {items.map((item) => (
                <li className="moj-primary-navigation__item" key={item.href}>
                  <Link
                    className="moj-primary-navigation__link"
                    href={item.href}
                    aria-current={current(item.href) ? "page" : undefined}
                  >
                    {item.text}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </div>
    </div>
  );
}
