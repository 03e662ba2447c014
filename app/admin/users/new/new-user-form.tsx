"use client";
import Link from "next/link";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { ROLES, ROLE_LABELS } from "@/lib/domain/roles";
import { ReauthenticationFields } from "@/components/forms/reauthentication-fields";
import { withReauthentication } from "@/lib/schemas/auth";
import { createUserSchema } from "@/lib/schemas/user";
import { createUserAction } from "../actions";
import { SecretPanel } from "../secret-panel";

const schema = withReauthentication(createUserSchema);

export function NewUserForm({ schools, withCode }: { schools: { urn: number; name: string }[]; withCode: boolean }) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    schema,
    createUserAction,
    ["email", "name", "role", "schoolUrn", "yourPassword", "yourCode"],
  );
  if (state?.ok) {
    return (
      <>
        <SecretPanel
          title="User added"
          secret={state.data.secret}
          note="Give this one-time password to the user securely. They must change it when they first sign in. It will not be shown again."
        />
        <p className="govuk-body">
          <Link className="govuk-link" href={`/admin/users/${state.data.userId}`}>
            View the user
          </Link>{" "}
          or{" "}
          <Link className="govuk-link" href="/admin/users">
            return to users
          </Link>
          .
        </p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Add a user</h1>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <TextInput
          id="email"
          label="Email address"
          type="email"
          spellCheck={false}
          defaultValue={value("email")}
          error={fieldError("email")}
          {...form.register("email")}
        />
        <TextInput
          id="name"
          label="Full name"
          defaultValue={value("name")}
          error={fieldError("name")}
          {...form.register("name")}
        />
        <Select
          id="role"
          label="Role"
          defaultValue={value("role") ?? ""}
          error={fieldError("role")}
          options={[{ value: "", text: "Select a role" }, ...ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r] }))]}
          {...form.register("role")}
        />
        <Select
          id="schoolUrn"
          label="School (school staff only)"
          defaultValue={value("schoolUrn") ?? ""}
          error={fieldError("schoolUrn")}
          options={[
            { value: "", text: "Not a member of school staff" },
            ...schools.map((s) => ({ value: String(s.urn), text: `${s.name} (URN ${s.urn})` })),
          ]}
          {...form.register("schoolUrn")}
        />
        <ReauthenticationFields register={(n) => form.register(n)} fieldError={fieldError} withCode={withCode} />
        <Button disabled={pending}>Add user</Button>
      </form>
    </>
  );
}
