import { notFound } from "next/navigation";
import { CaseFormPage } from "@/components/cases/case-form-page";
import { formatUkDate } from "@/lib/domain/dates";
import { CASE_EVENT_KIND_LABELS } from "@/lib/schemas/case";
import { isCorrectable } from "@/lib/schemas/corrections";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { CorrectEventForm } from "./correct-event-form";

export const metadata = { title: "Correct a timeline entry" };

/** Corrects an entry of recorded work (its date and note), with a reason; the original stays in the audit log. */
export default async function CorrectEventPage({ params }: { params: Promise<{ id: string; eventId: string }> }) {
  const actor = await requirePermission("case.manage");
  const { id, eventId } = await params;
  await askReasonFirst(actor, id, `events/${eventId}/correct`); // a manager on another officer's case says why first
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, id));
  const entry = kase.timeline.find((e) => e.id === eventId);
  if (!entry || !isCorrectable(entry.kind) || !entry.actor.id) notFound();
  return (
    <CaseFormPage caseId={kase.id} pupilName={pupilName} title="Correct a timeline entry" refused={refused}>
      <h1 className="govuk-heading-l">Correct a timeline entry</h1>
      <p className="govuk-body">
        {CASE_EVENT_KIND_LABELS[entry.kind]} on {formatUkDate(entry.occurredOn)}, recorded by {entry.actor.name}. The
        entry as it is now stays in the audit log, and the timeline shows it as corrected.
      </p>
      <CorrectEventForm
        caseId={kase.id}
        eventId={entry.id}
        version={kase.version}
        occurredOn={entry.occurredOn}
        note={entry.note}
        todayText={formatUkDate(today())}
      />
    </CaseFormPage>
  );
}
