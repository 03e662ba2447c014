"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { Radios } from "@/components/govuk/radios";
import { Textarea } from "@/components/govuk/textarea";
import { useZodForm } from "@/components/forms/use-zod-form";
import { REJECT_ROUTE_LABELS, REJECT_ROUTES, rejectReferralSchema } from "@/lib/schemas/referrals";
import { rejectReferralAction } from "./actions";

export function RejectReferralForm({
  referralId,
  version,
  fromPenaltyNotice,
  defaultReason,
}: {
  referralId: string;
  version: number;
  fromPenaltyNotice: boolean;
  /** A reason to start from (a referral today's rules would not make). */
  defaultReason?: string;
}) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    rejectReferralSchema,
    rejectReferralAction,
    ["reason", "route", "version"],
  );
  if (state?.ok) return <div className="govuk-inset-text">Referral rejected.</div>;
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <h3 className="govuk-heading-m">Reject the referral</h3>
        {fromPenaltyNotice && (
          <div className="govuk-inset-text">
            This referral is for an unpaid penalty notice. If you reject it, the notice is withdrawn (&ldquo;Not
            prosecuted:&rdquo; and your reason), as the council must prosecute or withdraw, and it no longer counts
            towards the limit of two notices in 3 years.
          </div>
        )}
        <input type="hidden" defaultValue={referralId} {...form.register("referralId")} />
        <input type="hidden" defaultValue={String(version)} {...form.register("version")} />
        <Textarea
          id="reason"
          label="Reason for rejecting"
          labelClass="govuk-label--s"
          defaultValue={value("reason") ?? defaultReason}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Radios
          id="route"
          legend="What happens to the case"
          defaultValue={value("route")}
          error={fieldError("route")}
          hint="Back to casework: the case stays open in monitoring. Close: the case closes with this reason."
          options={REJECT_ROUTES.map((r) => ({ value: r, text: REJECT_ROUTE_LABELS[r] }))}
          input={form.register("route")}
        />
        <Button warning disabled={pending}>
          Reject the referral
        </Button>
      </form>
    </>
  );
}
