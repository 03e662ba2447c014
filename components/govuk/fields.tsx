import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

type FieldProps = { id: string; label: ReactNode; hint?: ReactNode; error?: string; labelClass?: string };

function FormGroup({ error, children }: { error?: string; children: ReactNode }) {
  return <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>{children}</div>;
}

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function HintAndError({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
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
    </>
  );
}

export function TextInput({
  id,
  label,
  hint,
  error,
  labelClass,
  className,
  ...input
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FormGroup error={error}>
      <label className={`govuk-label ${labelClass ?? ""}`} htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <input
        id={id}
        className={`govuk-input${error ? " govuk-input--error" : ""} ${className ?? ""}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </FormGroup>
  );
}

export function Select({
  id,
  label,
  hint,
  error,
  labelClass,
  options,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; text: string }[] }) {
  return (
    <FormGroup error={error}>
      <label className={`govuk-label ${labelClass ?? ""}`} htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      <select
        id={id}
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </FormGroup>
  );
}

export function Button({
  children,
  secondary,
  warning,
  ...button
}: { children: ReactNode; secondary?: boolean; warning?: boolean } & React.ButtonHTMLAttributes<HTMLButtonElement>) {
  const variant = secondary ? " govuk-button--secondary" : warning ? " govuk-button--warning" : "";
  return (
    <button type="submit" className={`govuk-button${variant}`} data-module="govuk-button" {...button}>
      {children}
    </button>
  );
}
