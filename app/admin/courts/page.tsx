import { Table } from "@/components/govuk/table";
import { Tag } from "@/components/govuk/tag";
import { requirePermission } from "@/lib/server/auth";
import { findCourts } from "@/lib/server/court/find-courts";
import { setCourtActiveAction } from "./actions";
import { AddCourtForm } from "./add-court-form";

export const metadata = { title: "Courts" };

/** The authority's magistrates' courts: hearings are recorded at one of them. A court no longer used is taken off
 * the list for new hearings; hearings already recorded keep it. */
export default async function CourtsPage() {
  const actor = await requirePermission("reference_data.manage");
  const courts = await findCourts(actor, { includeRetired: true });
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Courts</h1>
        <p className="govuk-body">
          The magistrates&apos; courts that hear {actor.authorityName}&apos;s prosecutions. Managers choose one of these
          when they record a hearing.
        </p>
        {courts.length === 0 ? (
          <p className="govuk-body">No courts have been added yet.</p>
        ) : (
          <Table
            caption="Courts"
            captionHidden
            rowKey={(c) => c.id}
            rows={courts}
            columns={[
              { header: "Court", cell: (c) => c.name },
              { header: "Address", cell: (c) => c.address || "Not recorded" },
              {
                header: "In use",
                cell: (c) => (c.active ? <Tag colour="green">In use</Tag> : <Tag colour="grey">Not in use</Tag>),
              },
              {
                header: "Action",
                cell: (c) => (
                  <form action={setCourtActiveAction}>
                    <input type="hidden" name="courtId" value={c.id} />
                    <input type="hidden" name="active" value={c.active ? "false" : "true"} />
                    <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                      {c.active ? "Stop using" : "Use again"}
                      <span className="govuk-visually-hidden"> {c.name}</span>
                    </button>
                  </form>
                ),
              },
            ]}
          />
        )}
        <AddCourtForm />
      </div>
    </div>
  );
}
