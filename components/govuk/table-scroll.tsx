import type { ReactNode } from "react";

/**
 * A wide table scrolls inside its own box on a narrow screen, so the page itself never scrolls sideways (issue 15:
 * "At 390 px wide no page scrolls sideways"). Keyboard users can focus the box and scroll it with the arrow keys.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="app-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
