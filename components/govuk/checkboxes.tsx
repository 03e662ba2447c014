import type { InputHTMLAttributes, ReactNode } from "react";

export type CheckboxOption = {
  value: string;
  text: ReactNode;
  hint?: ReactNode;
  /** Each box's own name and props (for example react-hook-form's register), when the boxes are separate fields. */
  input?: InputHTMLAttributes<HTMLInputElement> & { name: string };
  defaultChecked?: boolean;
};

/**
 * GOV.UK checkboxes in a fieldset. The first box has the group's id, so the error summary's `#<id>` link lands on
 * it. Boxes share `input` (one field with many values) unless an option brings its own.
 */
export function Checkboxes({
  id,
  legend,
  hint,
  error,
  options,
  input,
  legendClass,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: CheckboxOption[];
  input?: InputHTMLAttributes<HTMLInputElement> & { name: string };
  legendClass?: string;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend ${legendClass ?? "govuk-fieldset__legend--s"}`}>{legend}</legend>
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
        <div className="govuk-checkboxes" data-module="govuk-checkboxes">
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div className="govuk-checkboxes__item" key={optionId}>
                <input
                  className="govuk-checkboxes__input"
                  id={optionId}
                  type="checkbox"
                  value={o.value}
                  defaultChecked={o.defaultChecked}
                  aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                  {...(o.input ?? input)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={optionId}>
                  {o.text}
                </label>
                {o.hint && (
                  <div id={`${optionId}-hint`} className="govuk-hint govuk-checkboxes__hint">
                    {o.hint}
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
