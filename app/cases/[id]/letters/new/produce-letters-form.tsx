"use client";
import { Checkboxes } from "@/components/govuk/checkboxes";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
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
}: {
  caseId: string;
  version: number;
  parties: LetterParty[];
  todayText: string;
  windowText: string;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    produceLettersSchema,
    produceLettersAction,
    ["kind", "parentIds", "sentOn", "meetingDate", "meetingTime", "meetingPlace", "version"],
  );
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
        <TextInput
          id="sentOn"
          label="Date sent"
          labelClass="govuk-label--s"
          hint={`As YYYY-MM-DD. Leave blank for today (${todayText}).`}
          className="govuk-input--width-10"
          spellCheck={false}
          autoComplete="off"
          defaultValue={value("sentOn")}
          error={fieldError("sentOn")}
          {...form.register("sentOn")}
        />
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Meeting details</legend>
          <div className="govuk-hint">Only for letters that invite the parents to a meeting.</div>
          <TextInput
            id="meetingDate"
            label="Meeting date"
            hint="As YYYY-MM-DD, for example 2026-11-27"
            className="govuk-input--width-10"
            spellCheck={false}
            autoComplete="off"
            defaultValue={value("meetingDate")}
            error={fieldError("meetingDate")}
            {...form.register("meetingDate")}
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
        <Button disabled={pending}>Produce letters</Button>
      </form>
    </>
  );
}
