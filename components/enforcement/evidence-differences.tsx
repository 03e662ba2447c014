// The warning shown where frozen evidence is read (the case page's decision, a referral): the live register has
// been edited since the snapshot was frozen. The decision and the referral keep relying on the snapshot.
import { WarningText } from "@/components/govuk/warning-text";
import { formatUkDate } from "@/lib/domain/dates";

/** What compareEvidenceWithRegister (lib/server/decisions) reports. */
type EvidenceComparison = {
  differs: boolean;
  differences: readonly { date: string; session: string; snapshot: string; live: string }[];
};

const MAX_DIFFERENCES_SHOWN = 10;

export function EvidenceDifferences({ comparison, reliesOn }: { comparison: EvidenceComparison; reliesOn: string }) {
  if (!comparison.differs) return null;
  const n = comparison.differences.length;
  return (
    <>
      <WarningText testId="evidence-differs">
        The live register now differs from the frozen evidence in {n} session{n === 1 ? "" : "s"}. {reliesOn}
      </WarningText>
      <ul className="govuk-list govuk-list--bullet">
        {comparison.differences.slice(0, MAX_DIFFERENCES_SHOWN).map((d) => (
          <li key={`${d.date}-${d.session}`}>
            {formatUkDate(d.date)} {d.session}: {d.snapshot || "no mark"} in the evidence, {d.live || "no mark"} on the
            register now
          </li>
        ))}
        {n > MAX_DIFFERENCES_SHOWN && <li>and {n - MAX_DIFFERENCES_SHOWN} more</li>}
      </ul>
    </>
  );
}
