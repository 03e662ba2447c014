import type { InputHTMLAttributes, ReactNode } from "react";
import { isoToParts, type DateParts } from "@/lib/domain/date-input";

type Register = (name: string) => InputHTMLAttributes<HTMLInputElement> & { name: string };

/**
 * The GOV.UK date input: day, month and year boxes in a fieldset, posted as <id>-day, <id>-month and <id>-year
 * (lib/schemas/date-input.ts reads them, and also a whole date such as "6/12/2026" typed into any one box). The day
 * box has the field's id, so the error summary's `#<id>` link lands on it. `register` carries react-hook-form's
 * registration onto each box; without it the boxes are plain named inputs.
 */
export function DateInput({
  id,
  legend,
  hint,
  error,
  defaultValue,
  defaultParts,
  register,
  legendClass = "govuk-fieldset__legend--s",
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  /** A stored ISO date to show. */
  defaultValue?: string | null;
  /** What was typed (a form sent back with errors), which wins over defaultValue. */
  defaultParts?: Partial<DateParts>;
  register?: Register;
  legendClass?: string;
}) {
  const stored = isoToParts(defaultValue);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  const boxes = [
    { part: "day", label: "Day", width: 2, inputId: id },
    { part: "month", label: "Month", width: 2, inputId: `${id}-month` },
    { part: "year", label: "Year", width: 4, inputId: `${id}-year` },
  ] as const;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        <div id={hintId} className="govuk-hint">
          {hint ?? "For example, 27 3 2027"}
        </div>
        {error && (
          <p id={errorId} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        )}
        <div className="govuk-date-input" id={`${id}-input`}>
          {boxes.map((b) => {
            const name = `${id}-${b.part}`;
            const typed = defaultParts?.[b.part];
            const attributes = register ? register(name) : { name };
            return (
              <div className="govuk-date-input__item" key={b.part}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={b.inputId}>
                    {b.label}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${b.width}${error ? " govuk-input--error" : ""}`}
                    id={b.inputId}
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    spellCheck={false}
                    defaultValue={typed ?? stored[b.part]}
                    {...attributes}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** What a form sent back with errors typed into a date's boxes, for DateInput's defaultParts. */
export function typedParts(value: (name: string) => string | undefined, id: string): Partial<DateParts> | undefined {
  const parts = { day: value(`${id}-day`), month: value(`${id}-month`), year: value(`${id}-year`) };
  return parts.day === undefined && parts.month === undefined && parts.year === undefined ? undefined : parts;
}

/** A date input's hint giving `iso` (usually today) as the example, in the boxes' order and typed whole. */
export function dateHint(iso: string): string {
  const p = isoToParts(iso);
  return `For example, ${p.day} ${p.month} ${p.year} (or type ${p.day}/${p.month}/${p.year})`;
}
