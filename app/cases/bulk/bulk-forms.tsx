"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { WindowTargetFields } from "@/components/cases/window-target-fields";
import { ErrorSummary, type SummaryError } from "@/components/govuk/error-summary";
import { Button, Select } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { SuccessBanner } from "@/components/govuk/success-banner";
import { Textarea } from "@/components/govuk/textarea";
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
  const { form, state, formAction, onSubmit, pending, fieldError, value } = useZodForm(
    bulkLettersSchema,
    bulkLettersAction,
    fields,
  );
  if (state?.ok) {
    const { letters, cases: done, productionId, sentOn } = state.data;
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
        <div className="govuk-button-group">
          <Button disabled={pending}>Send the letters for {count === 1 ? "the case" : `these ${count} cases`}</Button>
          <Link className="govuk-link" href={back}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
