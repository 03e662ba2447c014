import Link from "next/link";
import { UNUSED_POWERS, UNUSED_POWER_LABELS, type UnusedPower } from "@/lib/domain/unused-powers";

/** The four "powers used and unused" counts, each linking to its list (the dashboard and /statistics). */
export function UnusedPowersList({ counts }: { counts: Record<UnusedPower, number> }) {
  return (
    <>
      <h2 className="govuk-heading-m">Powers used and unused</h2>
      <ul className="govuk-list">
        {UNUSED_POWERS.map((kind) => (
          <li key={kind}>
            <Link className="govuk-link" href={`/statistics/powers/${kind}`}>
              <span className="govuk-!-font-weight-bold">{counts[kind]}</span>{" "}
              {UNUSED_POWER_LABELS[kind].title.toLowerCase()}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
