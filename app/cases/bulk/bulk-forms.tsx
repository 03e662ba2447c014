"use client";
import Link from "next/link";
import { startTransition, type FormEvent, type ReactNode } from "react";
import { WindowTargetFields } from "@/components/cases/window-target-fields";
import { ErrorSummary, type SummaryError } from "@/components/govuk/error-summary";
import { Button, Select } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { SuccessBanner } from "@/components/govuk/success-banner";
import { Textarea } from "@/components/govuk/textarea";
import { LetterPreview } from "@/components/letters/letter-preview";
import { useZodForm } from "@/components/forms/use-zod-form";
import { lettersSummary, reassignedSummary } from "@/lib/domain/bulk-cases";
import { formatUkDate } from "@/lib/domain/dates";
import { LETTER_KINDS, LETTER_KIND_LABELS } from "@/lib/domain/letters";
import type { ActionState } from "@/lib/schemas/action-state";
import { bulkLettersSchema, bulkReassignSchema } from "@/lib/schemas/bulk-cases";
import { bulkLettersAction, bulkReassignCasesAction } from "./actions";

/** The form's message, then every case's own refusal (the `cases` field holds one per case), then the fields'. */
function bulkSummary(
  state: ActionState<unknown>,
  fields: string[],
  fieldError: (f: string) => string | undefined,
): SummaryError[] {
  const refusals = state && !state.ok ? (state.fieldErrors.cases ?? []) : [];
  return [
    ...(state && !state.ok && state.formError ? [{ message: state.formError }] : []),
    ...refusals.map((message) => ({ field: "selected-cases", message })),
    ...fields.flatMap((field) => {
      const message = fieldError(field);
      return message ? [{ field, message }] : [];
    }),
  ];
}

/** The page's refusal when some selected cases cannot be changed by this user (shown instead of the form). It lives
 * in the form's component, after its success state: once the cases have moved, the page read again finds them
 * another officer's, and the banner saying they moved must stay. */
function Refused({
  count,
  title,
  back,
  children,
}: {
  count: number;
  title: string;
  back: string;
  children: ReactNode;
}) {
  return (
    <>
      <ErrorSummary
        errors={[
          {
            field: "selected-cases",
            message: `You cannot change ${count === 1 ? "1 of these cases" : `${count} of these cases`}: go back and untick ${count === 1 ? "it" : "them"}`,
          },
        ]}
      />
      <h1 className="govuk-heading-l">{title}</h1>
      {children}
      <p className="govuk-body">
        <Link className="govuk-link" href={back}>
          Go back to the queue and select the cases again
        </Link>
      </p>
    </>
  );
}

/** What a bulk change that went through shows: its success banner (the children), the page's title, and the way back. */
function Done({ title, back, children }: { title: string; back: string; children: ReactNode }) {
  return (
    <>
      <SuccessBanner id="bulk-done" role="alert">
        {children}
      </SuccessBanner>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">
        <Link className="govuk-link" href={back}>
          Back to the queue
        </Link>
      </p>
    </>
  );
}

export function BulkReassignForm({
  title,
  children,
  refused,
  cases,
  count,
  officers,
  back,
}: {
  title: string;
  /** The cases selected, shown under the heading. */
  children: ReactNode;
  /** How many of them this user may not change. */
  refused: number;
  /** "<id>:<version>,…" of the cases shown. */
  cases: string;
  count: number;
  officers: { id: string; name: string }[];
  back: string;
}) {
  const { form, state, formAction, onSubmit, pending, fieldError, value } = useZodForm(
    bulkReassignSchema,
    bulkReassignCasesAction,
    ["officerId", "reason"],
  );
  if (state?.ok) {
    return (
      <Done title={title} back={back}>
        <p className="govuk-notification-banner__heading">
          {reassignedSummary(state.data.moved, state.data.unchanged, state.data.officer)}
        </p>
        <p className="govuk-body">Each case&apos;s timeline records the change, and its open tasks moved with it.</p>
      </Done>
    );
  }
  if (refused > 0) {
    return (
      <Refused count={refused} title={title} back={back}>
        {children}
      </Refused>
    );
  }
  return (
    <>
      <ErrorSummary errors={bulkSummary(state, ["officerId", "reason"], fieldError)} />
      <h1 className="govuk-heading-l">{title}</h1>
      {children}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={cases} {...form.register("cases")} />
        <Select
          id="officerId"
          label="Officer to assign the cases to"
          labelClass="govuk-label--s"
          defaultValue={value("officerId") ?? ""}
          error={fieldError("officerId")}
          options={[{ value: "", text: "Select an officer" }, ...officers.map((o) => ({ value: o.id, text: o.name }))]}
          {...form.register("officerId")}
        />
        <Textarea
          id="reason"
          label="Reason (optional)"
          labelClass="govuk-label--s"
          hint="Recorded on each case's timeline."
          rows={3}
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <div className="govuk-button-group">
          <Button disabled={pending}>Reassign {count === 1 ? "the case" : `these ${count} cases`}</Button>
          <Link className="govuk-link" href={back}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

export function BulkLettersForm({
  title,
  children,
  refused,
  cases,
  count,
  todayText,
  withoutWindow,
  back,
}: {
  title: string;
  children: ReactNode;
  refused: number;
  cases: string;
  count: number;
  todayText: string;
  /** How many of the cases have no window yet: a warning letter starts theirs, so the form asks for the target. */
  withoutWindow: number;
  back: string;
}) {
  const fields = ["kind", "minAttendancePct", "maxUnauthorisedSessions"];
  const {
    form,
    state,
    formAction,
    pending,
    fieldError,
    value: failedValue,
  } = useZodForm(bulkLettersSchema, bulkLettersAction, fields);
  // As useZodForm's onSubmit, but keeping which button was pressed (Preview or Send).
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    void form.handleSubmit(() => startTransition(() => formAction(formData)))();
  };
  if (state?.ok && state.data.sent) {
    const { letters, cases: done, productionId, sentOn } = state.data.sent;
    return (
      <Done title={title} back={back}>
        <p className="govuk-notification-banner__heading">{lettersSummary(letters, done)}</p>
        <p className="govuk-body">
          Dated {formatUkDate(sentOn)}, one to each parent or carer named on each case; each case&apos;s timeline
          records its letters.{" "}
          <a className="govuk-notification-banner__link" href={`/cases/bulk/print/${productionId}`}>
            Print all {letters} letters as one PDF
          </a>
        </p>
      </Done>
    );
  }
  if (refused > 0) {
    return (
      <Refused count={refused} title={title} back={back}>
        {children}
      </Refused>
    );
  }
  const preview = state?.ok ? (state.data.preview ?? null) : null;
  // After a preview the form keeps what was sent (the action echoes it), so "Send" sends the letters previewed.
  const value = (name: string) =>
    failedValue(name) ?? (state?.ok && state.data.preview ? state.data.values[name] : undefined);
  const letterCount = preview?.reduce((n, c) => n + c.letters.length, 0) ?? 0;
  const which = count === 1 ? "the case" : `these ${count} cases`;
  return (
    <>
      <ErrorSummary errors={bulkSummary(state, fields, fieldError)} />
      <h1 className="govuk-heading-l">{title}</h1>
      {children}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <input type="hidden" defaultValue={cases} {...form.register("cases")} />
        <Radios
          id="kind"
          legend="Which letter?"
          hint={`Each parent or carer named on each case gets their own letter, dated today (${todayText}), with their own case's facts. Invitations to a meeting are sent from each case's page.`}
          defaultValue={value("kind")}
          error={fieldError("kind")}
          options={LETTER_KINDS.map((k) => ({ value: k, text: LETTER_KIND_LABELS[k] }))}
          input={form.register("kind")}
        />
        {withoutWindow > 0 && (
          <WindowTargetFields
            legend="The Fast Track window a warning letter starts"
            hint={`${withoutWindow === 1 ? "1 of these cases has" : `${withoutWindow} of these cases have`} no window yet. Only for the warning letter: it starts the window on those cases today, with this target. Set a minimum attendance, a maximum number of unauthorised sessions, or both.`}
            value={value}
            fieldError={fieldError}
            register={{
              minAttendancePct: form.register("minAttendancePct"),
              maxUnauthorisedSessions: form.register("maxUnauthorisedSessions"),
            }}
          />
        )}
        {preview ? (
          <section aria-labelledby="preview-heading">
            <h2 className="govuk-heading-m" id="preview-heading">
              Check each letter before sending
            </h2>
            <p className="govuk-body">
              Nothing has been recorded yet: {letterCount === 1 ? "1 letter" : `${letterCount} letters`} for{" "}
              {preview.length === 1 ? "1 case" : `${preview.length} cases`}, each with its own case&apos;s facts. Send
              them to record them on each case as sent; change anything above and preview again first if a letter is not
              right.
            </p>
            {preview.map((c) => (
              <section key={c.caseId} aria-label={`Letters for ${c.pupil}`} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s">
                  {c.pupil}: {c.letters.length === 1 ? "1 letter" : `${c.letters.length} letters`}
                </h3>
                {c.letters.map((letter) => (
                  <section key={letter.parentId} aria-label={`Letter to ${letter.parentName} about ${c.pupil}`}>
                    <p className="govuk-body govuk-!-margin-bottom-1">Letter to {letter.parentName}</p>
                    <LetterPreview subject={letter.subject} body={letter.body} />
                  </section>
                ))}
              </section>
            ))}
            <div className="govuk-button-group">
              <Button disabled={pending} name="intent" value="send">
                Send the letters for {which}
              </Button>
              <Button secondary disabled={pending} name="intent" value="preview">
                Preview again
              </Button>
              <Link className="govuk-link" href={back}>
                Cancel
              </Link>
            </div>
          </section>
        ) : (
          <div className="govuk-button-group">
            <Button disabled={pending} name="intent" value="preview">
              Preview the letters for {which}
            </Button>
            <Link className="govuk-link" href={back}>
              Cancel
            </Link>
          </div>
        )}
      </form>
    </>
  );
}
