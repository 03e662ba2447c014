import type { InputHTMLAttributes, ReactNode } from "react";

/**
 * GOV.UK radios in a fieldset. The first radio has the field's id, so the error summary's `#<id>` link lands on
 * it. `input` carries the rest (for example react-hook-form's register) onto every radio.
 */
export function Radios({
  id,
  legend,
  hint,
  error,
  options,
  defaultValue,
  inline,
  input,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; text: string }[];
  defaultValue?: string;
  inline?: boolean;
  input: InputHTMLAttributes<HTMLInputElement> & { name: string };
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
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
        <div className={`govuk-radios${inline ? " govuk-radios--inline" : ""}`} data-module="govuk-radios">
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${o.value}`;
            return (
              <div className="govuk-radios__item" key={o.value}>
                <input
                  className="govuk-radios__input"
                  id={optionId}
                  type="radio"
                  value={o.value}
                  defaultChecked={defaultValue === o.value}
                  {...input}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                  {o.text}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
