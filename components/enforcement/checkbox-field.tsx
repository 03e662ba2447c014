import type { InputHTMLAttributes, ReactNode } from "react";

/** One GOV.UK checkbox that is a field of its own (id = field name, so the error summary links to it). */
export function CheckboxField({
  id,
  label,
  hint,
  error,
  defaultChecked,
  input,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  defaultChecked?: boolean;
  input: InputHTMLAttributes<HTMLInputElement> & { name: string };
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group govuk-!-margin-bottom-4${error ? " govuk-form-group--error" : ""}`}>
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            type="checkbox"
            value="true"
            defaultChecked={defaultChecked}
            aria-describedby={describedBy}
            {...input}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint && (
            <div id={`${id}-hint`} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
