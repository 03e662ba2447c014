import "server-only";
import { formatUkDate } from "@/lib/domain/dates";
import { formatPence } from "@/lib/domain/money";
import { amountDue } from "@/lib/domain/penalty-notices";
import { today } from "@/lib/env";
import { recordPenaltyPaymentSchema, type RecordPenaltyPaymentInput } from "@/lib/schemas/penalty-notices";
import type { Actor } from "../actor";
import { parseInput } from "../cases/parse-input";
import { dateOnly } from "../db";
import { ValidationError } from "../errors";
import { changePenaltyNotice } from "./change-penalty-notice";

/**
 * Records that an issued notice was paid, on a date within its payment period and for exactly the amount due on
 * that date (the lower amount within 21 days, the higher within 28, the flat amount for a repeat notice).
 */
export async function recordPenaltyPayment(actor: Actor, raw: RecordPenaltyPaymentInput) {
  const input = parseInput(recordPenaltyPaymentSchema, raw);
  if (input.paidOn > today()) {
    throw new ValidationError({ paidOn: [`The date it was paid cannot be after today (${formatUkDate(today())})`] });
  }
  return changePenaltyNotice(
    actor,
    {
      noticeId: input.noticeId,
      version: input.version,
      action: "penalty_notice.pay",
      eventKind: "penalty_notice_paid",
    },
    (notice) => {
      const issueDate = notice.issueDate.toISOString().slice(0, 10);
      const due = amountDue({ issueDate, paidOn: input.paidOn, priorNoticesInThreeYears: notice.sequence - 1 });
      if (!due.ok) throw new ValidationError({ paidOn: [due.message] });
      if (input.amount !== due.amountPence) {
        throw new ValidationError({
          amount: [
            `The amount due for a payment on ${formatUkDate(input.paidOn)} is ${formatPence(due.amountPence)}; ${formatPence(input.amount)} was entered`,
          ],
        });
      }
      return {
        data: { status: "paid", paidOn: dateOnly(input.paidOn), amountPaidPence: input.amount },
        occurredOn: input.paidOn,
        note: `Paid ${formatPence(input.amount)} on ${formatUkDate(input.paidOn)}`,
        details: { paidOn: input.paidOn, amountPaidPence: input.amount, band: due.band },
      };
    },
  );
}
