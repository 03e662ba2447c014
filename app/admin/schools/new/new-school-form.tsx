"use client";
import Link from "next/link";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { createSchoolSchema } from "@/lib/schemas/school";
import { createSchoolAction } from "../actions";

export function NewSchoolForm() {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    createSchoolSchema,
    createSchoolAction,
    ["urn", "estabNumber", "name", "phase", "type"],
  );
  if (state?.ok) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation" role="status">
          <h1 className="govuk-panel__title">{state.data.name} added</h1>
        </div>
        <p className="govuk-body">
          <Link className="govuk-link" href="/admin/schools">
            Return to schools
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Add a school</h1>
      <form action={formAction} onSubmit={onSubmit} noValidate>
        <TextInput
          id="urn"
          label="URN"
          hint="6 digits, from Get Information about Schools"
          inputMode="numeric"
          className="govuk-input--width-10"
          defaultValue={value("urn")}
          error={fieldError("urn")}
          {...form.register("urn")}
        />
        <TextInput
          id="estabNumber"
          label="Establishment number"
          hint="4 digits, the part of the DfE number after the LA code"
          inputMode="numeric"
          className="govuk-input--width-4"
          defaultValue={value("estabNumber")}
          error={fieldError("estabNumber")}
          {...form.register("estabNumber")}
        />
        <TextInput
          id="name"
          label="Name"
          defaultValue={value("name")}
          error={fieldError("name")}
          {...form.register("name")}
        />
        <Select
          id="phase"
          label="Phase"
          defaultValue={value("phase") ?? ""}
          error={fieldError("phase")}
          options={[
            { value: "", text: "Select a phase" },
            { value: "primary", text: "Primary" },
            { value: "secondary", text: "Secondary" },
          ]}
          {...form.register("phase")}
        />
        <Select
          id="type"
          label="Type"
          defaultValue={value("type") ?? ""}
          error={fieldError("type")}
          options={[
            { value: "", text: "Select a type" },
            { value: "maintained", text: "Maintained" },
            { value: "academy", text: "Academy" },
            { value: "other", text: "Other" },
          ]}
          {...form.register("type")}
        />
        <Button disabled={pending}>Add school</Button>
      </form>
    </>
  );
}
