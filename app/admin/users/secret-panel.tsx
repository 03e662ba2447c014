/** Shows a one-time secret (password or API token) once, after the action that made it. */
export function SecretPanel({ title, secret, note }: { title: string; secret: string; note: string }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation" role="status">
      <h2 className="govuk-panel__title govuk-!-font-size-27">{title}</h2>
      <div className="govuk-panel__body">
        <code style={{ wordBreak: "break-all" }} data-testid="one-time-secret">
          {secret}
        </code>
      </div>
      <p className="govuk-body govuk-!-margin-top-4" style={{ color: "inherit" }}>
        {note}
      </p>
    </div>
  );
}
