import { SummaryList } from "@/components/govuk/summary-list";
import { RELATIONSHIP_LABELS, type Relationship } from "@/lib/domain/relationships";

/** A parent/carer named on the case, with their address lines. */
export type CaseParty = {
  id: string;
  title: string | null;
  firstName: string;
  lastName: string;
  relationship: string;
  parentalResponsibility: boolean;
  address: string[];
  phone: string | null;
  email: string | null;
};

/** The parents/carers the case concerns, each a separate party, with their address, and their phone and email as
 * tel: and mailto: links (one tap on a phone). */
export function PartiesList({ parties }: { parties: CaseParty[] }) {
  if (parties.length === 0) return <p className="govuk-body">The case names no parents or carers.</p>;
  return (
    <>
      {parties.map((p) => (
        <div className="govuk-summary-card" key={p.id}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {[p.title, p.firstName, p.lastName].filter(Boolean).join(" ")} (
              {RELATIONSHIP_LABELS[p.relationship as Relationship] ?? p.relationship})
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <SummaryList
              rows={[
                {
                  key: "Address",
                  value:
                    p.address.length === 0
                      ? "Not recorded"
                      : p.address.map((line) => (
                          <span key={line} style={{ display: "block" }}>
                            {line}
                          </span>
                        )),
                },
                {
                  key: "Phone",
                  value: p.phone ? (
                    <a className="govuk-link" href={`tel:${p.phone.replace(/[^+\d]/g, "")}`}>
                      {p.phone}
                    </a>
                  ) : (
                    "Not recorded"
                  ),
                },
                {
                  key: "Email",
                  value: p.email ? (
                    <a className="govuk-link" href={`mailto:${p.email}`}>
                      {p.email}
                    </a>
                  ) : (
                    "Not recorded"
                  ),
                },
                { key: "Parental responsibility", value: p.parentalResponsibility ? "Yes" : "No" },
              ]}
            />
          </div>
        </div>
      ))}
    </>
  );
}
