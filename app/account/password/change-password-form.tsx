"use client";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { changePasswordSchema, PASSWORD_MIN_LENGTH } from "@/lib/schemas/auth";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ mustChange }: { mustChange: boolean }) {
  const { form, formAction, onSubmit, pending, fieldError, summary } = useZodForm(
    changePasswordSchema,
    changePasswordAction,
    ["currentPassword", "newPassword", "confirmPassword"],
  );
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">{mustChange ? "Set your password" : "Change your password"}</h1>
      {mustChange && (
        <p className="govuk-body">You signed in with a one-time password. Choose your own password to continue.</p>
      )}
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <TextInput
          id="currentPassword"
          label={mustChange ? "One-time password" : "Current password"}
          type="password"
          autoComplete="current-password"
          error={fieldError("currentPassword")}
          {...form.register("currentPassword")}
        />
        <TextInput
          id="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong password.`}
          error={fieldError("newPassword")}
          {...form.register("newPassword")}
        />
        <TextInput
          id="confirmPassword"
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          error={fieldError("confirmPassword")}
          {...form.register("confirmPassword")}
        />
        <Button disabled={pending}>Save password</Button>
      </form>
    </>
  );
}
