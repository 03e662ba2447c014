import type { ReactNode } from "react";

export type TimelineItem = {
  key: string;
  title: ReactNode;
  /** Who did it. */
  byline?: ReactNode;
  /** When, as shown (UK format), with its machine-readable value. */
  date: { text: string; dateTime: string };
  description?: ReactNode;
};

/** The MOJ timeline pattern: items in the order given (newest first, by convention). */
export function Timeline({ items, headingLevel = 3 }: { items: TimelineItem[]; headingLevel?: 2 | 3 | 4 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="moj-timeline">
      {items.map((item) => (
        <div className="moj-timeline__item" key={item.key}>
          <div className="moj-timeline__header">
            <Heading className="moj-timeline__title">{item.title}</Heading>{" "}
            {item.byline && <p className="moj-timeline__byline">{item.byline}</p>}
          </div>
          <p className="moj-timeline__date">
            <time dateTime={item.date.dateTime}>{item.date.text}</time>
          </p>
          {item.description && <div className="moj-timeline__description">{item.description}</div>}
        </div>
      ))}
    </div>
  );
}
