"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useEffect, type FormEvent } from "react";
import { useForm, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import type { ActionState } from "@/lib/schemas/action-state";
import type { SummaryError } from "@/components/govuk/error-summary";

/**
 * react-hook-form over the shared zod schema, submitting to a server action. With JavaScript the schema is
 * checked in the browser first; server errors come back onto the fields with setError. Without JavaScript the
 * form posts to the action and the page renders the returned errors and values.
 */
export function useZodForm<S extends z.ZodType<FieldValues, FieldValues>, T>(
  schema: S,
  action: (state: ActionState<T>, formData: FormData) => Promise<ActionState<T>>,
  fieldOrder: string[],
) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never) as never,
    shouldFocusError: false,
  });

  useEffect(() => {
    if (state && !state.ok) {
      for (const [field, messages] of Object.entries(state.fieldErrors)) {
        form.setError(field as Path<z.input<S>>, { type: "server", message: messages[0] });
      }
    }
  }, [state, form]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    void form.handleSubmit(() => startTransition(() => formAction(formData)))();
  };

  const clientErrors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const serverErrors = state && !state.ok ? state.fieldErrors : {};
  const fieldError = (name: string): string | undefined => clientErrors[name]?.message ?? serverErrors[name]?.[0];
  const summary: SummaryError[] = [
    ...(state && !state.ok && state.formError ? [{ message: state.formError }] : []),
    ...fieldOrder.flatMap((field) => {
      const message = fieldError(field);
      return message ? [{ field, message }] : [];
    }),
  ];
  const value = (name: string): string | undefined => (state && !state.ok ? state.values?.[name] : undefined);

  return { form, state, formAction, onSubmit, pending, fieldError, summary, value };
}
