import { z } from "zod";
import { requiredText } from "./common";

/** National figures, other authorities' figures, and the authority's own target (one a year; the manager's dashboard
 * draws the authority against it). */
export const COMPARISON_KINDS = ["national", "authority", "target"] as const;
export type ComparisonKind = (typeof COMPARISON_KINDS)[number];

export const COMPARISON_KIND_LABELS: Record<ComparisonKind, string> = {
  national: "National",
  authority: "Authority",
  target: "Our target",
};

const RATE_MESSAGE =
  "Enter the unauthorised absence rate as a percentage from 0 to 100, with up to 2 decimal places, like 1.02";

/** A published unauthorised absence rate to compare against (national, or another authority's). */
export const comparisonFigureSchema = z.object({
  academicYear: z.coerce
    .number({ error: "Enter the year the academic year starts, like 2025 for 2025/26" })
    .int("Enter the year the academic year starts, like 2025 for 2025/26")
    .min(1990, "The academic year must start in 1990 or later")
    .max(2100, "The academic year must start in 2100 or earlier"),
  kind: z.enum(COMPARISON_KINDS, {
    error: "Select whether this is a national figure, another authority's figure or your own target",
  }),
  label: requiredText("a label, for example England or Middlesbrough", 100),
  unauthorisedRate: z
    .string({ error: RATE_MESSAGE })
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, RATE_MESSAGE)
    .transform(Number)
    .refine((n) => n >= 0 && n <= 100, RATE_MESSAGE),
  source: z.string().trim().max(300, "The source must be 300 characters or fewer").default(""),
});
export type ComparisonFigureInput = z.infer<typeof comparisonFigureSchema>;

export const comparisonFigureIdSchema = z.object({ figureId: z.uuid("Choose a figure") });

/** 2025 → "2025/26". */
export const academicYearLabel = (start: number) => `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
