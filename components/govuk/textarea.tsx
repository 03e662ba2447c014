import type { ReactNode, TextareaHTMLAttributes } from "react";

/** A GOV.UK textarea with its label, hint and error message. */
export function Textarea({
  id,
  label,
  hint,
  error,
  labelClass,
  rows = 5,
  ...textarea
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  labelClass?: string;
} & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label ${labelClass ?? ""}`} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <textarea
        id={id}
        rows={rows}
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...textarea}
      />
    </div>
  );
}
