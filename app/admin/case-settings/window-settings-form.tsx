"use client";
import { get } from "react-hook-form";
import { ErrorSummary, type SummaryError } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import type { WindowSettings } from "@/lib/domain/fast-track-window";
import { windowSettingsSchema } from "@/lib/schemas/case";
import { setWindowSettingsAction } from "./actions";
import { SuccessBanner } from "@/components/govuk/success-banner";

export function WindowSettingsForm({ settings }: { settings: WindowSettings }) {
  const { form, state, formAction, onSubmit, pending, value } = useZodForm(
    windowSettingsSchema,
    setWindowSettingsAction,
    [],
  );
  // Milestone fields are nested (milestones.0.week), so their browser-side errors are looked up by path.
  const serverErrors = state && !state.ok ? state.fieldErrors : {};
  const fieldError = (name: string): string | undefined =>
    (get(form.formState.errors, name) as { message?: string } | undefined)?.message ?? serverErrors[name]?.[0];
  const fields = [
    "lengthWeeks",
    ...settings.milestones.flatMap((_, i) => [`milestones.${i}.key`, `milestones.${i}.label`, `milestones.${i}.week`]),
    "milestones",
  ];
  const summary: SummaryError[] = [
    ...(state && !state.ok && state.formError ? [{ message: state.formError }] : []),
    ...fields.flatMap((field) => {
      const message = fieldError(field);
      return message ? [{ field: field === "milestones" ? "lengthWeeks" : field, message }] : [];
    }),
  ];
  return (
    <>
      <ErrorSummary errors={summary} />
      {state?.ok && (
        <SuccessBanner id="settings-saved-title">
          <p className="govuk-notification-banner__heading">
            Window settings saved. Windows started from now on use them.
          </p>
        </SuccessBanner>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <TextInput
          id="lengthWeeks"
          label="Window length (school weeks)"
          labelClass="govuk-label--s"
          hint="A whole number from 1 to 52. Holiday weeks do not count."
          inputMode="numeric"
          className="govuk-input--width-3"
          defaultValue={value("lengthWeeks") ?? String(settings.lengthWeeks)}
          error={fieldError("lengthWeeks")}
          {...form.register("lengthWeeks")}
        />
        {fieldError("milestones") && (
          <p className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {fieldError("milestones")}
          </p>
        )}
        {settings.milestones.map((m, i) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-4" key={m.key}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              Milestone {i + 1}
              {m.key === "decision" ? ": the decision, at the end of the window" : ""}
            </legend>
            <input type="hidden" defaultValue={m.key} {...form.register(`milestones.${i}.key`)} />
            <TextInput
              id={`milestones.${i}.label`}
              label="Label"
              defaultValue={value(`milestones.${i}.label`) ?? m.label}
              error={fieldError(`milestones.${i}.label`)}
              {...form.register(`milestones.${i}.label`)}
            />
            <TextInput
              id={`milestones.${i}.week`}
              label="School week it falls due"
              hint={m.key === "decision" ? "Must be the window length" : undefined}
              inputMode="numeric"
              className="govuk-input--width-3"
              defaultValue={value(`milestones.${i}.week`) ?? String(m.week)}
              error={fieldError(`milestones.${i}.week`)}
              {...form.register(`milestones.${i}.week`)}
            />
          </fieldset>
        ))}
        <Button disabled={pending}>Save window settings</Button>
      </form>
    </>
  );
}
