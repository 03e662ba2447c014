import { formatUkDateOf } from "@/components/cases/format";
import { requirePermission } from "@/lib/server/auth";
import { listLegalHolds } from "@/lib/server/retention/legal-holds";
import { PlaceHoldForm } from "./place-hold-form";
import { ReleaseHoldForm } from "./release-hold-form";

export const metadata = { title: "Legal holds" };

/** Legal holds (ADR 039): while a hold is in force nothing it covers is erased under the retention schedule.
 * Managers (who know of proceedings) and auditors place and release them. */
export default async function LegalHoldsPage() {
  const actor = await requirePermission("legal_hold.manage");
  const holds = await listLegalHolds(actor);
  const inForce = holds.filter((h) => !h.released);
  const released = holds.filter((h) => h.released);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">{actor.authorityName}</span>
        <h1 className="govuk-heading-l">Legal holds</h1>
        <p className="govuk-body">
          Place a hold when records may be needed for proceedings, a complaint or an inquiry. While it is in force,
          nothing it covers is erased under the retention schedule, whatever its age.
        </p>
        <h2 className="govuk-heading-m">Holds in force ({inForce.length})</h2>
        {inForce.length === 0 && <p className="govuk-body">There are no holds in force.</p>}
        {inForce.map((h) => (
          <div className="govuk-summary-card" key={h.id}>
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">{h.description}</h3>
            </div>
            <div className="govuk-summary-card__content">
              <p className="govuk-body">{h.reason}</p>
              <p className="govuk-body-s">
                Placed by {h.placedBy} on {formatUkDateOf(h.placedAt)}.
              </p>
              <ReleaseHoldForm holdId={h.id} />
            </div>
          </div>
        ))}
        <h2 className="govuk-heading-m">Place a hold</h2>
        <PlaceHoldForm />
        {released.length > 0 && (
          <>
            <h2 className="govuk-heading-m">Released holds</h2>
            <ul className="govuk-list">
              {released.map((h) => (
                <li key={h.id}>
                  {h.description}: {h.reason}. Placed by {h.placedBy} on {formatUkDateOf(h.placedAt)}; released by{" "}
                  {h.released!.by} on {formatUkDateOf(h.released!.at)}: {h.released!.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
