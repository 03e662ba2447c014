import { z } from "zod";

/** A required, trimmed text field whose message names the field. */
export const requiredText = (label: string, max = 200) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, { error: `Enter ${label}`, abort: true })
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`);

export const email = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .min(1, { error: "Enter an email address", abort: true })
  .max(254, "Email address must be 254 characters or fewer")
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, "Enter an email address in the correct format, like name@example.gov.uk");

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
