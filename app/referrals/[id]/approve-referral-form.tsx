"use client";
import { CheckboxField } from "@/components/enforcement/checkbox-field";
import { Checkboxes } from "@/components/govuk/checkboxes";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { DEFENCE_LABELS, DEFENCES } from "@/lib/domain/referral-checklist";
import { OFFENCE_LABELS, OFFENCES } from "@/lib/domain/sentencing";
import { approveReferralSchema } from "@/lib/schemas/referrals";
import { approveReferralAction } from "./actions";

const FIELDS = [
  "offence",
  "attendanceCertificate",
  "lettersSent",
  "warningGiven",
  "supportOffered",
  "esoConsidered",
  "esoReasoning",
  "interviewUnderCaution",
  "defencesConsidered",
  "version",
];

/** The evidence checklist and the offence; approval is refused until every item is recorded. */
export function ApproveReferralForm({
  referralId,
  version,
  parentName,
}: {
  referralId: string;
  version: number;
  parentName: string;
}) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    approveReferralSchema,
    approveReferralAction,
    FIELDS,
  );
  const checked = (name: string) => value(name) === "true" || value(name) === "on";
  const defences = (value("defencesConsidered") ?? "").split(",");
  if (state?.ok) {
    return (
      <div className="govuk-inset-text">Approved for prosecution. Reload the page to see the prosecution file.</div>
    );
  }
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <h3 className="govuk-heading-m">Approve for prosecution</h3>
        <input type="hidden" defaultValue={referralId} {...form.register("referralId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <h4 className="govuk-heading-s">Evidence checklist for {parentName}</h4>
        <CheckboxField
          id="attendanceCertificate"
          label="A signed attendance certificate covers the whole period (section 566)"
          defaultChecked={checked("attendanceCertificate")}
          error={fieldError("attendanceCertificate")}
          input={form.register("attendanceCertificate")}
        />
        <CheckboxField
          id="lettersSent"
          label="Letters were sent to this parent"
          defaultChecked={checked("lettersSent")}
          error={fieldError("lettersSent")}
          input={form.register("lettersSent")}
        />
        <CheckboxField
          id="warningGiven"
          label="This parent was warned before the period (warning letter or notice to improve)"
          defaultChecked={checked("warningGiven")}
          error={fieldError("warningGiven")}
          input={form.register("warningGiven")}
        />
        <CheckboxField
          id="supportOffered"
          label="Support was offered to the family"
          defaultChecked={checked("supportOffered")}
          error={fieldError("supportOffered")}
          input={form.register("supportOffered")}
        />
        <CheckboxField
          id="esoConsidered"
          label="An Education Supervision Order was considered (section 447)"
          defaultChecked={checked("esoConsidered")}
          error={fieldError("esoConsidered")}
          input={form.register("esoConsidered")}
        />
        <Textarea
          id="esoReasoning"
          label="Reasoning on an Education Supervision Order"
          labelClass="govuk-label--s"
          hint="Why an order was or was not sought"
          defaultValue={value("esoReasoning")}
          error={fieldError("esoReasoning")}
          {...form.register("esoReasoning")}
        />
        <Radios
          id="interviewUnderCaution"
          legend="Interview under caution"
          inline
          defaultValue={value("interviewUnderCaution")}
          error={fieldError("interviewUnderCaution")}
          options={[
            { value: "held", text: "Held" },
            { value: "refused", text: "Refused" },
          ]}
          input={form.register("interviewUnderCaution")}
        />
        <Checkboxes
          id="defencesConsidered"
          legend="Statutory defences considered"
          hint="All five must be considered"
          error={fieldError("defencesConsidered")}
          input={form.register("defencesConsidered")}
          options={DEFENCES.map((d) => ({
            value: d,
            text: `${DEFENCE_LABELS[d].charAt(0).toUpperCase()}${DEFENCE_LABELS[d].slice(1)}`,
            defaultChecked: defences.includes(d),
          }))}
        />
        <Radios
          id="offence"
          legend="Offence"
          defaultValue={value("offence")}
          error={fieldError("offence")}
          hint="Section 444(1) is strict liability; section 444(1A) needs evidence the parent knew and failed to act"
          options={OFFENCES.map((o) => ({ value: o, text: OFFENCE_LABELS[o] }))}
          input={form.register("offence")}
        />
        <Button disabled={pending}>Approve for prosecution</Button>
      </form>
    </>
  );
}
