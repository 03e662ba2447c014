// Inputs for penalty notices (issue 5), shared by the forms, the server actions and lib/server/penalty-notices.
// Rules that need the database (scope, the threshold on the register, the 3-year limit, the amount due on the
// payment date) are checked on the server with the domain rules in lib/domain/penalty-notices.ts and
// lib/domain/penalty-notice-threshold.ts, and again by the constraints in the penalty_notices migration.
import { z } from "zod";
import { isIsoDate } from "@/lib/domain/dates";
import { parsePounds } from "@/lib/domain/money";
import { requiredText } from "./common";
import { dateField, withDateInputs } from "./date-input";

const id = (label: string) =>
  z
    .string({ error: `Select ${label}` })
    .trim()
    .regex(/^[0-9a-f-]{36}$/i, `Select ${label}`);

/** A date as people type it: the GOV.UK date input's three boxes, "20/11/2026", or an ISO date from the API. */
const isoDate = (label: string) => dateField(label);

export const issuePenaltyNoticeSchema = withDateInputs(
  ["issueDate", "periodStart", "periodEnd"],
  z
    .object({
      caseId: id("the case"),
      parentId: id("the parent or carer the notice is for"),
      issueDate: isoDate("the date the notice is issued"),
      periodStart: isoDate("the first day of the offence period"),
      periodEnd: isoDate("the last day of the offence period"),
    })
    .superRefine((v, ctx) => {
      if (isIsoDate(v.periodStart) && isIsoDate(v.periodEnd) && v.periodEnd < v.periodStart) {
        ctx.addIssue({
          code: "custom",
          path: ["periodEnd"],
          message: "The last day of the offence period must be on or after its first day",
        });
      }
      if (isIsoDate(v.issueDate) && isIsoDate(v.periodEnd) && v.issueDate < v.periodEnd) {
        ctx.addIssue({
          code: "custom",
          path: ["issueDate"],
          message: "The notice must be issued on or after the last day of the offence period",
        });
      }
    }),
);
export type IssuePenaltyNoticeInput = z.input<typeof issuePenaltyNoticeSchema>;

/**
 * An amount: pounds as typed ("80", "£160.00") → pence; a number is already pence (what the parsed form hands to
 * the server function, which parses its input again).
 */
const pounds = (label: string) =>
  z.unknown().transform((value, ctx) => {
    const Label = `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
    if (typeof value === "number") {
      if (Number.isSafeInteger(value) && value > 0) return value;
      ctx.addIssue({ code: "custom", message: `${Label} must be more than £0.00` });
      return z.NEVER;
    }
    const parsed = parsePounds(typeof value === "string" ? value : "", label);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    if (parsed.pence === 0) {
      ctx.addIssue({ code: "custom", message: `${Label} must be more than £0.00` });
      return z.NEVER;
    }
    return parsed.pence;
  });

export const recordPenaltyPaymentSchema = withDateInputs(
  ["paidOn"],
  z.object({
    noticeId: id("the penalty notice"),
    version: z.coerce.number().int().min(1),
    paidOn: isoDate("the date it was paid"),
    amount: pounds("the amount paid"),
  }),
);
export type RecordPenaltyPaymentInput = z.input<typeof recordPenaltyPaymentSchema>;

export const withdrawPenaltyNoticeSchema = withDateInputs(
  ["withdrawnOn"],
  z.object({
    noticeId: id("the penalty notice"),
    version: z.coerce.number().int().min(1),
    withdrawnOn: isoDate("the date it was withdrawn"),
    reason: requiredText("the reason for withdrawing the notice", 1000),
  }),
);
export type WithdrawPenaltyNoticeInput = z.input<typeof withdrawPenaltyNoticeSchema>;

export const PENALTY_NOTICE_STATUS_LABELS: Record<string, string> = {
  issued: "Issued, unpaid",
  paid: "Paid",
  withdrawn: "Withdrawn",
  referred: "Unpaid: referred for prosecution",
};
