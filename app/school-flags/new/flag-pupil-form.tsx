"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Checkboxes } from "@/components/govuk/checkboxes";
import { Button } from "@/components/govuk/fields";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { flagPupilSchema } from "@/lib/schemas/case";
import { flagPupilAction } from "../actions";

export function FlagPupilForm({
  pupilId,
  pupilName,
  addToOpenCase = false,
}: {
  pupilId: string;
  pupilName: string;
  /** The pupil has an open case: the same form sends the school's information to the case officer. */
  addToOpenCase?: boolean;
}) {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    flagPupilSchema,
    flagPupilAction,
    ["reason", "triedMeeting", "triedOther"],
  );
  const checked = (name: string) => value(name) === "true";
  return (
    <>
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">{pupilName}</span>
      <h1 className="govuk-heading-l">
        {addToOpenCase ? "Send this to the case officer" : "Flag this pupil to the attendance service"}
      </h1>
      {!addToOpenCase && (
        <p className="govuk-body">
          The attendance service will decide whether to open a case. You will see whether the flag is accepted, declined
          (with the reason) or added to an open case.
        </p>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        {/* A problem with the pupil (already flagged) comes back as the form's error, at the top of the summary. */}
        <input type="hidden" id="pupilId" defaultValue={pupilId} {...form.register("pupilId")} />
        {addToOpenCase && <input type="hidden" defaultValue="true" {...form.register("addToOpenCase")} />}
        <Textarea
          id="reason"
          label="Why are you flagging this pupil?"
          labelClass="govuk-label--m"
          hint="For example, the pattern of absence and anything you know about the reasons"
          defaultValue={value("reason")}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Checkboxes
          id="triedMeeting"
          legend="What has the school already tried?"
          legendClass="govuk-fieldset__legend--m"
          hint="Select all that apply"
          error={fieldError("triedMeeting")}
          options={[
            {
              value: "true",
              text: "A meeting with the parents or carers",
              defaultChecked: checked("triedMeeting"),
              input: form.register("triedMeeting"),
            },
            {
              value: "true",
              text: "An attendance contract",
              defaultChecked: checked("triedAttendanceContract"),
              input: form.register("triedAttendanceContract"),
            },
            {
              value: "true",
              text: "Early help",
              defaultChecked: checked("triedEarlyHelp"),
              input: form.register("triedEarlyHelp"),
            },
          ]}
        />
        <Textarea
          id="triedOther"
          label="Anything else the school has tried (optional)"
          labelClass="govuk-label--s"
          defaultValue={value("triedOther")}
          error={fieldError("triedOther")}
          {...form.register("triedOther")}
          rows={3}
        />
        <div className="govuk-inset-text">
          The pupil&apos;s attendance figures for this academic year so far are recorded with the flag when you send it.
        </div>
        <Button disabled={pending}>{addToOpenCase ? "Send to the case officer" : "Send flag"}</Button>
      </form>
    </>
  );
}
