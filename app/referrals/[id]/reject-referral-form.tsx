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
  parentName,
  idPrefix = "",
}: {
  referralId: string;
  version: number;
  fromPenaltyNotice: boolean;
  /** A reason to start from (a referral today's rules would not make). */
  defaultReason?: string;
  /** Named in the heading where the page decides several parents' referrals. */
  parentName?: string;
  /** Prefixes the fields' ids where the page has one form per parent. */
  idPrefix?: string;
}) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    rejectReferralSchema,
    rejectReferralAction,
    ["reason", "route", "version"],
  );
  if (state?.ok)
    return <div className="govuk-inset-text">Referral rejected{parentName ? ` for ${parentName}` : ""}.</div>;
  return (
    <>
      <ErrorSummary errors={summary} idPrefix={idPrefix} />
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <h3 className="govuk-heading-m">Reject the referral{parentName ? ` for ${parentName}` : ""}</h3>
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
          id={`${idPrefix}reason`}
          label="Reason for rejecting"
          labelClass="govuk-label--s"
          defaultValue={value("reason") ?? defaultReason}
          error={fieldError("reason")}
          {...form.register("reason")}
        />
        <Radios
          id={`${idPrefix}route`}
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
