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
  "lettersSent",
  "warningGiven",
  "supportOffered",
  "interviewUnderCaution",
  "attendanceCertificate",
  "esoConsidered",
  "esoReasoning",
  "defencesConsidered",
  "offence",
  "version",
];

/**
 * The manager's own items (the ESO with its reasoning, the five defences) and the offence. Everything else is
 * computed from the record and shown above the form; the server checks it all again on approval.
 */
export function ApproveReferralForm({
  referralId,
  version,
  parentName,
  defenceNotes,
  idPrefix = "",
}: {
  referralId: string;
  version: number;
  parentName: string;
  /** Register codes that point to a defence, to consider. */
  defenceNotes: readonly string[];
  /** Prefixes the fields' ids where the page decides several parents' referrals, one form each. */
  idPrefix?: string;
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
      <ErrorSummary errors={summary} idPrefix={idPrefix} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <h3 className="govuk-heading-m">Approve for prosecution</h3>
        <input type="hidden" defaultValue={referralId} {...form.register("referralId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <h4 className="govuk-heading-s">Your decision for {parentName}</h4>
        <CheckboxField
          id={`${idPrefix}esoConsidered`}
          label="An Education Supervision Order was considered, instead of or as well as prosecution (section 447)"
          defaultChecked={checked("esoConsidered")}
          error={fieldError("esoConsidered")}
          input={form.register("esoConsidered")}
        />
        <Textarea
          id={`${idPrefix}esoReasoning`}
          label="Reasoning on an Education Supervision Order"
          labelClass="govuk-label--s"
          hint="Why an order was or was not sought"
          defaultValue={value("esoReasoning")}
          error={fieldError("esoReasoning")}
          {...form.register("esoReasoning")}
        />
        {defenceNotes.length > 0 && (
          <div className="govuk-inset-text">
            <ul className="govuk-list">
              {defenceNotes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          </div>
        )}
        <Checkboxes
          id={`${idPrefix}defencesConsidered`}
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
          id={`${idPrefix}offence`}
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
