import "server-only";
import { notFound } from "next/navigation";
import type { z } from "zod";
import { BUSY_MESSAGE, isPoolWaitTimeout } from "./database-load";
import { ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "./errors";
import type { ActionState } from "@/lib/schemas/action-state";

/** Turns a zod error into every message per field (not only the first). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (!key.startsWith("$") && typeof value === "string" && !/password/i.test(key)) values[key] = value;
  }
  return values;
}

/**
 * The one shape of a server action: parse the form with the shared zod schema, call one lib/server function,
 * and return `{ ok: true, data }` or every field error (with the values typed, so a page without JavaScript
 * can show them again). Out-of-scope records become a 404; a refusal of a record in scope is the form's error;
 * redirects and other errors pass through.
 */
export async function runAction<S extends z.ZodType, T>(
  schema: S,
  formData: FormData,
  fn: (input: z.output<S>) => Promise<T>,
): Promise<ActionState<T>> {
  const raw = Object.fromEntries([...formData].filter(([k, v]) => !k.startsWith("$") && typeof v === "string"));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsOf(parsed.error), values: formValues(formData) };
  try {
    return { ok: true, data: await fn(parsed.data) };
  } catch (error) {
    if (error instanceof ValidationError) {
      return { ok: false, fieldErrors: error.fieldErrors, formError: error.formError, values: formValues(formData) };
    }
    // A record in scope that this user may not change (e.g. another officer's case): say so on the form.
    if (error instanceof ForbiddenError)
      return { ok: false, fieldErrors: {}, formError: error.message, values: formValues(formData) };
    if (error instanceof NotFoundError) notFound();
    // No database connection came free within the wait (ADR 054): the form says so and keeps its values.
    if (isPoolWaitTimeout(error))
      return { ok: false, fieldErrors: {}, formError: BUSY_MESSAGE, values: formValues(formData) };
    throw error;
  }
}
