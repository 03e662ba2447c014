/** The GOV.UK warning text above a previewed letter whose own figures do not justify it (warningCaution). */
export function LetterCaution({ caution }: { caution: string | null | undefined }) {
  if (!caution) return null;
  return (
    <div className="govuk-warning-text" data-testid="letter-caution">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {caution}
      </strong>
    </div>
  );
}
