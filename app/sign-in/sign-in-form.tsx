"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { signInSchema } from "@/lib/schemas/auth";
import { signInAction } from "./actions";

export function SignInForm() {
  const { form, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(signInSchema, signInAction, [
    "email",
    "password",
  ]);
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Sign in to Fast Track</h1>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <TextInput
          id="email"
          label="Email address"
          type="email"
          autoComplete="username"
          spellCheck={false}
          defaultValue={value("email")}
          error={fieldError("email")}
          {...form.register("email")}
        />
        <TextInput
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={fieldError("password")}
          {...form.register("password")}
        />
        <Button disabled={pending}>Sign in</Button>
      </form>
    </>
  );
}
