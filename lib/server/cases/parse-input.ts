import "server-only";
import type { z } from "zod";
import { ValidationError, type FieldErrors } from "../errors";

/**
 * Parses a server function's input with its shared schema, so the API and the actions meet the same rules.
 * Throws ValidationError with every message per field (dotted paths, as the forms name them).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new ValidationError(fieldErrors);
}
