"use client";
import { ReauthenticationFields } from "@/components/forms/reauthentication-fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { Checkboxes } from "@/components/govuk/checkboxes";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "@/lib/domain/api-tokens";
import { formatUkDate, toIsoDate } from "@/lib/domain/dates";
import { createApiTokenSchema } from "@/lib/schemas/api-token";
import { withReauthentication } from "@/lib/schemas/auth";
import { SecretPanel } from "@/app/admin/users/secret-panel";
import { createOwnApiTokenAction } from "./actions";

const schema = withReauthentication(createApiTokenSchema);

export function CreateApiTokenForm({ withCode }: { withCode: boolean }) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    schema,
    createOwnApiTokenAction,
    ["name", "expiresInDays", "readOnly", "yourPassword", "yourCode"],
  );
  return (
    <>
      {state?.ok && (
        <SecretPanel
          title="API token created"
          secret={state.data.secret}
          note={`Send it as Authorization: Bearer <token>. It works until ${formatUkDate(toIsoDate(new Date(state.data.expiresAt)))} unless you revoke it, and will not be shown again.`}
        />
      )}
      <ErrorSummary errors={summary} />
      <h2 className="govuk-heading-m">Create an API token</h2>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <TextInput
          id="name"
          label="Name"
          hint="What the token is for, for example “nightly register upload”"
          className="govuk-!-width-one-half"
          maxLength={100}
          defaultValue={value("name")}
          error={fieldError("name")}
          {...form.register("name")}
        />
        <TextInput
          id="expiresInDays"
          label="Days until it expires"
          hint={`From 1 to ${TOKEN_MAX_DAYS}`}
          inputMode="numeric"
          className="govuk-input--width-4"
          defaultValue={value("expiresInDays") ?? String(TOKEN_DEFAULT_DAYS)}
          error={fieldError("expiresInDays")}
          {...form.register("expiresInDays")}
        />
        <Checkboxes
          id="readOnly"
          legend="Access"
          error={fieldError("readOnly")}
          options={[
            {
              value: "true",
              text: "Read only",
              hint: "The token can read records but not import registers or change anything",
              input: form.register("readOnly"),
            },
          ]}
        />
        <ReauthenticationFields register={(n) => form.register(n)} fieldError={fieldError} withCode={withCode} />
        <Button disabled={pending}>Create API token</Button>
      </form>
    </>
  );
}
