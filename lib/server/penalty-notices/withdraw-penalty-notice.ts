import "server-only";
import { formatUkDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { withdrawPenaltyNoticeSchema, type WithdrawPenaltyNoticeInput } from "@/lib/schemas/penalty-notices";
import type { Actor } from "../actor";
import { parseInput } from "../cases/parse-input";
import { dateOnly } from "../db";
import { ValidationError } from "../errors";
import { changePenaltyNotice } from "./change-penalty-notice";

/** Withdraws an issued notice with a reason (issued in error, a material error, outside the code of conduct…).
 * A withdrawn notice does not count towards the limit of two in 3 years. */
export async function withdrawPenaltyNotice(actor: Actor, raw: WithdrawPenaltyNoticeInput) {
  const input = parseInput(withdrawPenaltyNoticeSchema, raw);
  if (input.withdrawnOn > today()) {
    throw new ValidationError({
      withdrawnOn: [`The date it was withdrawn cannot be after today (${formatUkDate(today())})`],
    });
  }
  return changePenaltyNotice(
    actor,
    {
      noticeId: input.noticeId,
      version: input.version,
      action: "penalty_notice.withdraw",
      eventKind: "penalty_notice_withdrawn",
    },
    (notice) => {
      const issueDate = notice.issueDate.toISOString().slice(0, 10);
      if (input.withdrawnOn < issueDate) {
        throw new ValidationError({
          withdrawnOn: [`The date it was withdrawn must be on or after the issue date, ${formatUkDate(issueDate)}`],
        });
      }
      return {
        data: { status: "withdrawn", withdrawnOn: dateOnly(input.withdrawnOn), withdrawnReason: input.reason },
        occurredOn: input.withdrawnOn,
        note: input.reason,
        details: { withdrawnOn: input.withdrawnOn },
      };
    },
  );
}
