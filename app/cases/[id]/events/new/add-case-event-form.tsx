"use client";
import { Checkboxes } from "@/components/govuk/checkboxes";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { CONTACT_OUTCOMES, type ContactOutcome } from "@/lib/domain/contact-records";
import { INTERVIEW_OUTCOME_LABELS, INTERVIEW_OUTCOMES } from "@/lib/domain/referral-readiness";
import { CASE_EVENT_KIND_LABELS, RECORDABLE_EVENT_KINDS, recordWorkSchema } from "@/lib/schemas/case";
import { addCaseEventAction } from "./actions";

/** The outcomes in the form's words, covering each kind (the timeline says them in the kind's own words). */
const OUTCOME_CHOICES: Record<ContactOutcome, string> = {
  spoke_to_parent: "Spoke to or met a parent or carer",
  no_access: "No access, no answer, or did not attend",
  card_left: "No access: card or message left",
  refused: "Refused to engage",
};

/** The booked visit, meeting or call this form records ("Mark as done"), to prefill from and complete. */
export type Booking = {
  taskId: string;
  version: number;
  kind: string;
  label: string;
  /** The booked time, as typed ("2pm"). */
  time?: string;
  summary: string;
};

export function AddCaseEventForm({
  caseId,
  version,
  today,
  todayText,
  parties,
  booking = null,
  title = "Record work on the case",
}: {
  caseId: string;
  version: number;
  today?: string;
  todayText: string;
  parties: { id: string; name: string }[];
  booking?: Booking | null;
  title?: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    recordWorkSchema,
    addCaseEventAction,
    [
      "kind",
      "occurredOn",
      "parentIds",
      "contactTime",
      "contactOutcome",
      "childSeen",
      "othersSeen",
      "nextStep",
      "outcome",
      "note",
      "taskVersion",
    ],
  );
  const chosen = value("parentIds")?.split(",") ?? [];
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">{title}</h1>
      {booking && (
        <div className="govuk-inset-text">
          {booking.summary}. Saving records it on the timeline and marks the booking done.
        </div>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        {booking && (
          <>
            <input type="hidden" defaultValue={booking.taskId} {...form.register("taskId")} />
            <input type="hidden" defaultValue={String(booking.version)} {...form.register("taskVersion")} />
          </>
        )}
        <Radios
          id="kind"
          legend="What happened?"
          defaultValue={value("kind") ?? booking?.kind}
          error={fieldError("kind")}
          options={RECORDABLE_EVENT_KINDS.map((k) => ({ value: k, text: CASE_EVENT_KIND_LABELS[k] }))}
          input={form.register("kind")}
        />
        <DateInput
          id="occurredOn"
          legend="Date it happened"
          hint={`Today or earlier. For example, 16 11 2026 (or type 16/11/2026). Today is ${todayText}.`}
          defaultValue={booking && value("occurredOn-day") === undefined ? today : undefined}
          defaultParts={typedParts(value, "occurredOn")}
          error={fieldError("occurredOn")}
          register={(name) => form.register(name as never)}
        />
        <Checkboxes
          id="parentIds"
          legend="Which parents or carers it concerns"
          hint="For a visit, meeting or call: those seen or spoken to. For an interview under caution: each parent or carer interviewed or invited."
          error={fieldError("parentIds")}
          options={parties.map((p) => ({ value: p.id, text: p.name, defaultChecked: chosen.includes(p.id) }))}
          input={form.register("parentIds")}
        />
        <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" aria-describedby="contact-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            For a home visit, meeting or phone call
          </legend>
          <div id="contact-hint" className="govuk-hint">
            When it was, what came of it, who was seen and the next step.
          </div>
          <TextInput
            id="contactTime"
            label="Time"
            labelClass="govuk-label--s"
            hint="For example, 4pm, 9:30am or 16:30"
            className="govuk-input--width-5"
            autoComplete="off"
            spellCheck={false}
            defaultValue={value("contactTime") ?? booking?.time}
            error={fieldError("contactTime")}
            {...form.register("contactTime")}
          />
          <Radios
            id="contactOutcome"
            legend="What came of it?"
            defaultValue={value("contactOutcome")}
            error={fieldError("contactOutcome")}
            options={CONTACT_OUTCOMES.map((o) => ({ value: o, text: OUTCOME_CHOICES[o] }))}
            input={form.register("contactOutcome")}
          />
          <TextInput
            id="othersSeen"
            label="Anyone else seen or spoken to (optional)"
            labelClass="govuk-label--s"
            hint="For example, older sister (17), grandmother"
            defaultValue={value("othersSeen")}
            error={fieldError("othersSeen")}
            {...form.register("othersSeen")}
          />
          <Radios
            id="childSeen"
            legend="Was the child seen?"
            hint="For a home visit or meeting"
            inline
            defaultValue={value("childSeen")}
            error={fieldError("childSeen")}
            options={[
              { value: "yes", text: "Yes" },
              { value: "no", text: "No" },
            ]}
            input={form.register("childSeen")}
          />
          <Textarea
            id="nextStep"
            label="Next step"
            labelClass="govuk-label--s"
            hint="For example, visit again on Thursday after school; letter if no contact"
            rows={2}
            defaultValue={value("nextStep")}
            error={fieldError("nextStep")}
            {...form.register("nextStep")}
          />
        </fieldset>
        <Radios
          id="outcome"
          legend="Outcome of an interview under caution"
          hint="Only for an interview under caution (PACE Code C)."
          inline
          defaultValue={value("outcome")}
          error={fieldError("outcome")}
          options={INTERVIEW_OUTCOMES.map((o) => ({ value: o, text: INTERVIEW_OUTCOME_LABELS[o] }))}
          input={form.register("outcome")}
        />
        <Textarea
          id="note"
          label="Notes"
          labelClass="govuk-label--s"
          hint="What was said and agreed. Required for a note."
          defaultValue={value("note")}
          error={fieldError("note")}
          {...form.register("note")}
        />
        <Button disabled={pending}>Save to the timeline</Button>
      </form>
    </>
  );
}
