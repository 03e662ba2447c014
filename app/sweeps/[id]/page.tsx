import Link from "next/link";
import { SummaryList } from "@/components/govuk/summary-list";
import { Tag } from "@/components/govuk/tag";
import { hoursText } from "@/components/sweeps/format";
import { YieldTable } from "@/components/sweeps/yield-table";
import { formatUkDate } from "@/lib/domain/dates";
import { STOP_FEED_LABELS, STOP_OUTCOME_LABELS, VALID_REASON_LABELS } from "@/lib/domain/sweeps";
import { requirePermission } from "@/lib/server/auth";
import { orNotFound } from "@/lib/server/not-found";
import { getSweep } from "@/lib/server/sweeps/get-sweep";
import { AddStopForm } from "./add-stop-form";

export const metadata = { title: "Truancy sweep" };

export default async function SweepPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("sweep.read");
  const sweep = await orNotFound(getSweep(actor, (await params).id));
  const times =
    sweep.startTime && sweep.endTime ? `${sweep.startTime} to ${sweep.endTime}` : (sweep.startTime ?? "Not recorded");
  return (
    <>
      <Link className="govuk-back-link" href="/sweeps">
        Back to truancy sweeps
      </Link>
      <span className="govuk-caption-l">Truancy sweep</span>
      <h1 className="govuk-heading-l">
        {formatUkDate(sweep.date)}: {sweep.area}
      </h1>
      <SummaryList
        rows={[
          { key: "Times", value: times },
          {
            key: "Police",
            value: `${sweep.policeOfficers} officers, ${hoursText(sweep.policeQuarterHours / 4)} hours`,
          },
          { key: "Authority staff", value: `${sweep.staff} staff, ${hoursText(sweep.staffQuarterHours / 4)} hours` },
          { key: "Recorded by", value: sweep.recordedBy },
          ...(sweep.notes ? [{ key: "Notes", value: sweep.notes }] : []),
        ]}
      />
      <YieldTable caption="Yield of this sweep" rows={[{ key: sweep.id, label: "This sweep", yield: sweep.yield }]} />

      <h2 className="govuk-heading-m" id="stops">
        Children stopped
      </h2>
      {sweep.stops.length === 0 ? (
        <p className="govuk-body">No children have been recorded for this sweep yet.</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">
            Children stopped, in the order recorded
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Child
              </th>
              <th scope="col" className="govuk-table__header">
                With a parent or carer
              </th>
              <th scope="col" className="govuk-table__header">
                Reason given
              </th>
              <th scope="col" className="govuk-table__header">
                What happened
              </th>
              <th scope="col" className="govuk-table__header">
                Casework
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {sweep.stops.map((s) => (
              <tr className="govuk-table__row" key={s.id}>
                <td className="govuk-table__cell">
                  {s.pupil ? (
                    <>
                      <Link className="govuk-link" href={`/pupils/${s.pupil.id}`}>
                        {s.pupil.name}
                      </Link>
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                        UPN {s.pupil.upn}
                      </span>
                    </>
                  ) : (
                    <>
                      {s.name} <Tag colour="grey">Not found in {actor.authorityName}</Tag>
                      {(s.schoolGiven || s.schoolUrn) && (
                        <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                          School given:{" "}
                          {[s.schoolGiven, s.schoolUrn ? `URN ${s.schoolUrn}` : ""].filter(Boolean).join(", ")}
                        </span>
                      )}
                    </>
                  )}
                </td>
                <td className="govuk-table__cell">{s.withParent ? "Yes" : "No"}</td>
                <td className="govuk-table__cell">
                  {s.reason}
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                    {VALID_REASON_LABELS[s.validReason]}
                  </span>
                </td>
                <td className="govuk-table__cell">{STOP_OUTCOME_LABELS[s.outcome]}</td>
                <td className="govuk-table__cell">
                  {s.feed === "case_timeline" && s.caseId ? (
                    <Link className="govuk-link" href={`/cases/${s.caseId}`}>
                      {STOP_FEED_LABELS[s.feed]}
                    </Link>
                  ) : s.feed === "school_flag" && s.flagId ? (
                    <Link className="govuk-link" href={`/flags/${s.flagId}`}>
                      {STOP_FEED_LABELS[s.feed]}
                    </Link>
                  ) : (
                    STOP_FEED_LABELS[s.feed]
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {sweep.mayAddStops && (
        <>
          <h2 className="govuk-heading-m">Record a child stopped</h2>
          <AddStopForm sweepId={sweep.id} authorityName={actor.authorityName} />
        </>
      )}
    </>
  );
}
