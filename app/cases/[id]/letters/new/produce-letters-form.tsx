"use client";
import { startTransition, type FormEvent } from "react";
import { WindowTargetFields } from "@/components/cases/window-target-fields";
import { Checkboxes } from "@/components/govuk/checkboxes";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { DateInput, typedParts } from "@/components/govuk/date-input";
import { Button, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { LetterCaution } from "@/components/letters/letter-caution";
import { LetterPreview } from "@/components/letters/letter-preview";
import { useZodForm } from "@/components/forms/use-zod-form";
import { LETTER_KINDS, LETTER_KIND_LABELS } from "@/lib/domain/letters";
import { produceLettersSchema } from "@/lib/schemas/letters";
import { produceLettersAction } from "../actions";

export type LetterParty = { id: string; name: string; relationship: string; address: string };

export function ProduceLettersForm({
  caseId,
  version,
  parties,
  todayText,
  windowText,
  windowStarted,
}: {
  caseId: string;
  version: number;
  parties: LetterParty[];
  todayText: string;
  windowText: string;
  /** Without a window, the warning letter starts it: the form asks for the target. */
  windowStarted: boolean;
}) {
  const {
    form,
    state,
    formAction,
    pending,
    fieldError,
    summary,
    value: failedValue,
  } = useZodForm(produceLettersSchema, produceLettersAction, [
    "kind",
    "parentIds",
    "sentOn",
    "minAttendancePct",
    "maxUnauthorisedSessions",
    "meetingDate",
    "meetingTime",
    "meetingPlace",
    "version",
  ]);
  // As useZodForm's onSubmit, but keeping which button was pressed (Preview or Send).
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    void form.handleSubmit(() => startTransition(() => formAction(formData)))();
  };
  const preview = state?.ok ? state.data.preview : null;
  // After a preview the form keeps what was sent (the action echoes it), so "Send" sends the letters previewed.
  const value = (name: string) => failedValue(name) ?? (state?.ok ? state.data.values[name] : undefined);
  const chosen = value("parentIds")?.split(",");
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Produce letters</h1>
      <p className="govuk-inset-text">{windowText}</p>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={caseId} {...form.register("caseId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <Radios
          id="kind"
          legend="Which letter?"
          defaultValue={value("kind")}
          error={fieldError("kind")}
          options={LETTER_KINDS.map((k) => ({ value: k, text: LETTER_KIND_LABELS[k] }))}
          input={form.register("kind")}
        />
        <Checkboxes
          id="parentIds"
          legend="Who to write to"
          hint="Each parent or carer gets their own letter."
          error={fieldError("parentIds")}
          options={parties.map((p) => ({
            value: p.id,
            text: `${p.name} (${p.relationship.toLowerCase()})`,
            hint: p.address ? p.address.replace(/\n/g, ", ") : "No address on file",
            defaultChecked: chosen ? chosen.includes(p.id) : true,
          }))}
          input={form.register("parentIds")}
        />
        <DateInput
          id="sentOn"
          legend="Date sent"
          hint={`Leave blank for today (${todayText}). For example, 16 11 2026 (or type 16/11/2026).`}
          defaultParts={typedParts(value, "sentOn")}
          error={fieldError("sentOn")}
          register={(name) => form.register(name as never)}
        />
        {!windowStarted && (
          <WindowTargetFields
            legend="The Fast Track window the warning letter starts"
            hint="Only for the warning letter. The window starts on the letter's date; its end and milestones come from the term calendar. Set a minimum attendance, a maximum number of unauthorised sessions, or both."
            value={value}
            fieldError={fieldError}
            register={{
              minAttendancePct: form.register("minAttendancePct"),
              maxUnauthorisedSessions: form.register("maxUnauthorisedSessions"),
            }}
          />
        )}
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Meeting details</legend>
          <div className="govuk-hint">Only for letters that invite the parents to a meeting.</div>
          <DateInput
            id="meetingDate"
            legend="Meeting date"
            legendClass="govuk-fieldset__legend--s"
            hint="For example, 27 11 2026 (or type 27/11/2026)"
            defaultParts={typedParts(value, "meetingDate")}
            error={fieldError("meetingDate")}
            register={(name) => form.register(name as never)}
          />
          <TextInput
            id="meetingTime"
            label="Meeting time"
            hint="For example, 10:30am"
            className="govuk-input--width-10"
            defaultValue={value("meetingTime")}
            error={fieldError("meetingTime")}
            {...form.register("meetingTime")}
          />
          <TextInput
            id="meetingPlace"
            label="Meeting place"
            defaultValue={value("meetingPlace")}
            error={fieldError("meetingPlace")}
            {...form.register("meetingPlace")}
          />
        </fieldset>
        {preview ? (
          <section aria-labelledby="preview-heading">
            <h2 className="govuk-heading-m" id="preview-heading">
              Check each letter before sending
            </h2>
            <p className="govuk-body">
              Nothing has been recorded yet. Send the letters to record them on the case as sent; change anything above
              and preview again first if a letter is not right.
            </p>
            <LetterCaution caution={preview[0]?.caution} />
            {preview.map((letter) => (
              <section key={letter.parentId} aria-label={`Letter to ${letter.parentName}`}>
                <h3 className="govuk-heading-s">Letter to {letter.parentName}</h3>
                <LetterPreview subject={letter.subject} body={letter.body} />
              </section>
            ))}
            <div className="govuk-button-group">
              <Button disabled={pending} name="intent" value="send">
                Send {preview.length === 1 ? "this letter" : `these ${preview.length} letters`}
              </Button>
              <Button secondary disabled={pending} name="intent" value="preview">
                Preview again
              </Button>
            </div>
          </section>
        ) : (
          <Button disabled={pending} name="intent" value="preview">
            Preview letters
          </Button>
        )}
      </form>
    </>
  );
}
