// The case page's section for Education Supervision Orders (issue 13): the orders recorded, and the link to record
// one for whoever may change the case.
import Link from "next/link";
import { formatUkDate } from "@/lib/domain/dates";
import { ESO_RELATION_LABELS } from "@/lib/domain/education-supervision-orders";
import { getActor } from "@/lib/server/auth";
import { findCaseEsos } from "@/lib/server/cases/find-case-esos";

export async function CaseEsoSection({ caseId, canEdit }: { caseId: string; canEdit: boolean }) {
  const actor = await getActor();
  if (!actor) return null;
  const orders = await findCaseEsos(actor, caseId);
  return (
    <section aria-labelledby="case-eso-heading">
      <h2 className="govuk-heading-m" id="case-eso-heading">
        Education Supervision Orders
      </h2>
      {orders.length === 0 ? (
        <p className="govuk-body">No order has been recorded.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {orders.map((o) => (
            <li key={o.id}>
              Made on {formatUkDate(o.madeOn)}, {ESO_RELATION_LABELS[o.relation].toLowerCase()}, for {o.months} months
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <p className="govuk-body">
          <Link className="govuk-link" href={`/cases/${caseId}/eso/new`}>
            Record an Education Supervision Order
          </Link>
        </p>
      )}
    </section>
  );
}
