import Link from "next/link";

export type QueueTab = { key: string; label: string; count: number; href: string };

/** The queues as MOJ sub-navigation: plain links (they work without JavaScript), each with its count. */
export function QueueTabs({
  tabs,
  current,
  label = "Work queues",
}: {
  tabs: QueueTab[];
  current: string;
  label?: string;
}) {
  return (
    <nav className="moj-sub-navigation" aria-label={label}>
      <ul className="moj-sub-navigation__list">
        {tabs.map((t) => (
          <li className="moj-sub-navigation__item" key={t.key}>
            <Link
              className="moj-sub-navigation__link"
              href={t.href}
              aria-current={t.key === current ? "page" : undefined}
            >
              {t.label} ({t.count})
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
