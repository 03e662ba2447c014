"use client";
import Link from "next/link";
import { startTransition, type FormEvent } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { LetterPreview } from "@/components/letters/letter-preview";
import { useZodForm } from "@/components/forms/use-zod-form";
import { FIGURES_BASIS, MAX_FIGURES_WEEKS } from "@/lib/domain/letter-facts";
import { letterKindSlug, type LetterKind } from "@/lib/domain/letters";
import { letterTemplateSchema } from "@/lib/schemas/letters";
import { saveLetterTemplateAction } from "../actions";
import { SuccessBanner } from "@/components/govuk/success-banner";

/** Edits one template: Save validates and stores it; Preview validates and shows the sample letter, saving nothing. */
export function TemplateForm({
  kind,
  subject,
  body,
  figuresWeeks,
}: {
  kind: LetterKind;
  subject: string;
  body: string;
  figuresWeeks: number;
}) {
  const { form, state, formAction, pending, fieldError, summary, value } = useZodForm(
    letterTemplateSchema,
    saveLetterTemplateAction,
    ["subject", "figuresWeeks", "body"],
  );
  // As useZodForm's onSubmit, but keeping which button was pressed (Save or Preview).
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    void form.handleSubmit(() => startTransition(() => formAction(formData)))();
  };
  const result = state?.ok ? state.data : null;
  return (
    <>
      <ErrorSummary errors={summary} />
      {result?.saved && (
        <SuccessBanner id="saved-title">
          <p className="govuk-notification-banner__heading">
            Template saved. New letters of this kind use it from now on.
          </p>
        </SuccessBanner>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={kind} {...form.register("kind")} />
        <TextInput
          id="subject"
          label="Subject"
          labelClass="govuk-label--s"
          hint="One line, shown in bold after the greeting"
          defaultValue={value("subject") ?? subject}
          error={fieldError("subject")}
          {...form.register("subject")}
        />
        {FIGURES_BASIS[kind] === "before_letter" ? (
          <TextInput
            id="figuresWeeks"
            label="School weeks the attendance figures cover"
            labelClass="govuk-label--s"
            hint={`The letter quotes the pupil's attendance over this many school weeks before the letter's date (1 to ${MAX_FIGURES_WEEKS}), and this term to date.`}
            className="govuk-input--width-3"
            inputMode="numeric"
            defaultValue={value("figuresWeeks") ?? String(figuresWeeks)}
            error={fieldError("figuresWeeks")}
            {...form.register("figuresWeeks")}
          />
        ) : (
          <input type="hidden" defaultValue={String(figuresWeeks)} {...form.register("figuresWeeks")} />
        )}
        <Textarea
          id="body"
          label="Letter text"
          labelClass="govuk-label--s"
          rows={28}
          spellCheck
          hint="Leave a blank line between paragraphs. Merge fields are written in double braces, like {{pupil.name}}."
          defaultValue={value("body") ?? body}
          error={fieldError("body")}
          {...form.register("body")}
        />
        <div className="govuk-button-group">
          <Button disabled={pending} name="intent" value="save">
            Save template
          </Button>
          <Button secondary disabled={pending} name="intent" value="preview">
            Preview
          </Button>
        </div>
      </form>
      {result && (
        <section aria-labelledby="preview-heading">
          <h2 className="govuk-heading-m" id="preview-heading">
            {result.saved ? "Sample letter" : "Preview (not saved)"}
          </h2>
          <LetterPreview subject={result.preview.subject} body={result.preview.body} />
          <p className="govuk-body">
            <Link className="govuk-link" href={`/admin/letters/${letterKindSlug(kind)}/preview.pdf`} target="_blank">
              Sample PDF of the saved template (opens in a new tab)
            </Link>
          </p>
        </section>
      )}
    </>
  );
}
