// How referrals, sentences and outcomes read on screen (pages and the case section share these).
import { formatPence } from "@/lib/domain/money";
import { SENTENCE_TYPE_LABELS, type SentenceType } from "@/lib/domain/sentencing";
import type { ReferralStatus } from "@/lib/schemas/referrals";
import type { TagColour } from "@/components/govuk/tag";

export const REFERRAL_STATUS_COLOURS: Record<ReferralStatus, TagColour> = {
  awaiting_review: "orange",
  approved: "blue",
  rejected: "grey",
  concluded: "green",
};

export type SentenceRow = {
  type: SentenceType;
  amountPence: number | null;
  days: number | null;
  suspended: boolean | null;
  months: number | null;
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

export function describeSentence(s: SentenceRow): string {
  const label = SENTENCE_TYPE_LABELS[s.type];
  switch (s.type) {
    case "fine":
      return `${label} of ${formatPence(s.amountPence ?? 0)}`;
    case "custody":
      return `${label} for ${plural(s.days ?? 0, "day")}${s.suspended ? ", suspended" : ", immediate"}`;
    case "absolute_discharge":
      return label;
    default:
      return `${label} for ${plural(s.months ?? 0, "month")}`;
  }
}
