import { z } from "zod";
import { requiredText } from "./common";

export const SCHOOL_PHASES = ["primary", "secondary"] as const;
export const SCHOOL_TYPES = ["maintained", "academy", "other"] as const;

export const urn = z.coerce
  .number({ error: "The URN must be a 6-digit number, like 100001" })
  .int("The URN must be a 6-digit number, like 100001")
  .min(100000, "The URN must be a 6-digit number, like 100001")
  .max(999999, "The URN must be a 6-digit number, like 100001");

export const createSchoolSchema = z.object({
  urn,
  estabNumber: z
    .string({ error: "Enter the establishment number" })
    .trim()
    .regex(/^[0-9]{4}$/, "The establishment number must be 4 digits, like 2999"),
  name: requiredText("the school's name"),
  phase: z.enum(SCHOOL_PHASES, { error: "Select the phase: primary or secondary" }),
  type: z.enum(SCHOOL_TYPES, { error: "Select the type: maintained, academy or other" }),
});
export type CreateSchoolInput = z.infer<typeof createSchoolSchema>;
