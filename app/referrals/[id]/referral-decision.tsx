// The manager's decision on one referral (one parent): why it cannot be approved yet, if it cannot, then the
// approval and rejection forms. Shown on the referral's own page and, for each parent, on the case's page of
// referrals (both parents decided on one page, each decision still their own).
import { WarningText } from "@/components/govuk/warning-text";
import { READINESS_LABELS } from "@/lib/domain/referral-readiness";
import type { ReferralDetail } from "@/lib/server/referrals/get-referral";
import { ApproveReferralForm } from "./approve-referral-form";
import { RejectReferralForm } from "./reject-referral-form";

export function ReferralDecision({ r, idPrefix = "" }: { r: ReferralDetail; idPrefix?: string }) {
  // The items the record proves (the manager gives the ESO reasoning and the defences on the form).
  const recordReady = r.readiness.items.every((i) => i.met || i.key === "eso" || i.key === "defences");
  return (
    <>
      {r.notGroundedNow && (
        <WarningText testId="not-grounded-now">
          Under the rules in force since 6 December 2026 this referral would not be made:{" "}
          {r.notGroundedNow.map((x) => x.message).join("; ")}. Reject it (the reason is filled in below).
        </WarningText>
      )}
      {!recordReady && !r.notGroundedNow && (
        <WarningText testId="approval-blocked">
          This referral cannot be approved until the record shows:{" "}
          {r.readiness.items
            .filter((i) => !i.met && i.key !== "eso" && i.key !== "defences")
            .map((i) => READINESS_LABELS[i.key].toLowerCase())
            .join(", ")}
          .
        </WarningText>
      )}
      {r.penaltyNoticeBlock && <WarningText>Approval is blocked: {r.penaltyNoticeBlock}</WarningText>}
      {!r.penaltyNoticeBlock && recordReady && !r.notGroundedNow && (
        <ApproveReferralForm
          referralId={r.id}
          version={r.version}
          parentName={r.parent.name}
          defenceNotes={r.readiness.items.find((i) => i.key === "defences")?.notes ?? []}
          idPrefix={idPrefix}
        />
      )}
      <RejectReferralForm
        referralId={r.id}
        version={r.version}
        fromPenaltyNotice={r.source === "penalty_notice"}
        parentName={idPrefix ? r.parent.name : undefined}
        idPrefix={idPrefix}
        defaultReason={
          r.notGroundedNow
            ? `Not referred under the rules in force since 6 December 2026: ${r.notGroundedNow.map((x) => x.message).join("; ")}.`
            : undefined
        }
      />
    </>
  );
}
