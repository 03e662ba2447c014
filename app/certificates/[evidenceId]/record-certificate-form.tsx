"use client";
import { DateInput, dateHint, typedParts } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { useZodForm } from "@/components/forms/use-zod-form";
import { formatUkDate } from "@/lib/domain/dates";
import { recordCertificateSchema } from "@/lib/schemas/certificates";
import { recordCertificateAction } from "./actions";

/** The head teacher's signature on the certificate: who signed, when, and optionally the signed scan (PDF). */
export function RecordCertificateForm({
  evidenceId,
  schoolId,
  periodEnd,
  today,
  onBehalf,
}: {
  evidenceId: string;
  schoolId: string;
  periodEnd: string;
  today: string;
  onBehalf: boolean;
}) {
  const { form, state, formAction, onSubmit, pending, fieldError, summary, value } = useZodForm(
    recordCertificateSchema,
    recordCertificateAction,
    ["signedBy", "signedOn", "scan"],
  );
  if (state?.ok) return <div className="govuk-inset-text">Signature recorded. Reload the page to see it.</div>;
  const scanError = fieldError("scan");
  return (
    <>
      <ErrorSummary errors={summary} />
      <form action={formAction} onSubmit={onSubmit} noValidate encType="multipart/form-data">
        <h2 className="govuk-heading-m">
          {onBehalf ? "Record a signed paper copy for the school" : "Record the head teacher's signature"}
        </h2>
        <p className="govuk-body">
          Print the certificate, have the head teacher check and sign it, then record it here. It can be signed from{" "}
          {formatUkDate(periodEnd)}, the end of the period.
        </p>
        <input type="hidden" defaultValue={evidenceId} {...form.register("evidenceId")} />
        <input type="hidden" defaultValue={schoolId} {...form.register("schoolId")} />
        <TextInput
          id="signedBy"
          label="Name of the head teacher who signed"
          labelClass="govuk-label--s"
          autoComplete="off"
          defaultValue={value("signedBy")}
          error={fieldError("signedBy")}
          {...form.register("signedBy")}
        />
        <DateInput
          id="signedOn"
          legend="Date signed"
          hint={dateHint(today)}
          defaultParts={typedParts(value, "signedOn")}
          error={fieldError("signedOn")}
          register={(name) => form.register(name as never)}
        />
        <div className={`govuk-form-group${scanError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="scan">
            Signed scan (optional)
          </label>
          <div id="scan-hint" className="govuk-hint">
            A PDF of the signed certificate, up to 10 MB. Its SHA-256 is kept with it.
          </div>
          {scanError && (
            <p id="scan-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {scanError}
            </p>
          )}
          <input
            className={`govuk-file-upload${scanError ? " govuk-file-upload--error" : ""}`}
            id="scan"
            name="scan"
            type="file"
            accept="application/pdf"
            aria-describedby={`scan-hint${scanError ? " scan-error" : ""}`}
          />
        </div>
        <Button disabled={pending}>{onBehalf ? "Record the signed copy" : "Record the signature"}</Button>
      </form>
    </>
  );
}
