// The pupil page's SEN provision and free-school-meals eligibility (issue 13), from the Common Transfer File: shown
// only to officers, managers and the pupil's own school, and every showing audited (getPupilCharacteristics).
import { SummaryList } from "@/components/govuk/summary-list";
import { formatUkDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import { SEN_PROVISION_LABELS } from "@/lib/domain/pupil-characteristics";
import { getActor } from "@/lib/server/auth";
import { getPupilCharacteristics } from "@/lib/server/pupils/get-pupil-characteristics";

export async function PupilCharacteristicsSection({ pupilId }: { pupilId: string }) {
  const actor = await getActor();
  if (!actor || !can(actor, "pupil.characteristics.read")) return null;
  const c = await getPupilCharacteristics(actor, pupilId);
  const since = (d: string | null) => (d ? ` (since ${formatUkDate(d)})` : "");
  return (
    <section aria-labelledby="pupil-characteristics-heading">
      <h2 className="govuk-heading-m" id="pupil-characteristics-heading">
        Special educational needs and free school meals
      </h2>
      <p className="govuk-body-s">From the Common Transfer Files received. Sensitive: every view is recorded.</p>
      <SummaryList
        rows={[
          {
            key: "SEN provision",
            value: c.senProvision ? `${SEN_PROVISION_LABELS[c.senProvision]}${since(c.senSince)}` : "Not recorded",
          },
          {
            key: "Free school meals",
            value:
              c.fsmEligible === null ? "Not recorded" : c.fsmEligible ? `Eligible${since(c.fsmSince)}` : "Not eligible",
          },
        ]}
      />
    </section>
  );
}
