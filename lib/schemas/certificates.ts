// The signature on a s.566 attendance certificate, shared by the school's form, the officer's form, the server and
// the API. The rules needing the period and the clock (validateCertificateSignature) run on the server as well.
import { z } from "zod";
import { dateField, withDateInputs } from "./date-input";

const id = (label: string) =>
  z
    .string({ error: `Select ${label}` })
    .trim()
    .regex(/^[0-9a-f-]{36}$/i, `Select ${label}`);
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

export const recordCertificateSchema = withDateInputs(
  ["signedOn"],
  z.object({
    evidenceId: id("the certificate"),
    /** The school whose register it certifies; school staff: their own (the server decides). */
    schoolId: z.preprocess(blankToUndefined, id("the school").optional()),
    signedBy: z
      .string({ error: "Enter the name of the head teacher who signed the certificate" })
      .trim()
      .min(1, "Enter the name of the head teacher who signed the certificate")
      .max(200, "The name must be 200 characters or fewer"),
    /** The GOV.UK date input's three boxes, "20/11/2026", or an ISO date (the API). */
    signedOn: dateField("the date the certificate was signed"),
  }),
);
export type RecordCertificateInput = z.input<typeof recordCertificateSchema>;

/** POST /api/v1/referrals/{id}/certificate. */
export const certificateRequest = z
  .object({
    signedBy: z.string().meta({ description: "The head teacher who signed the certificate", example: "Mrs A Patel" }),
    signedOn: z.string().meta({ description: "The date it was signed (YYYY-MM-DD), on or after the period's end" }),
    schoolUrn: z
      .number()
      .int()
      .optional()
      .meta({ description: "Only when the referral relies on more than one school's register" }),
  })
  .meta({ id: "CertificateRequest" });
