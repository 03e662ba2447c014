import type { ReactNode } from "react";

/**
 * The GOV.UK success notification banner: `id` names its title for aria-labelledby; `role` is "alert" when it
 * reports the action just taken on the page, "status" (the default) when it is announced politely.
 */
export function SuccessBanner({
  id,
  role = "status",
  children,
}: {
  id: string;
  role?: "status" | "alert";
  children: ReactNode;
}) {
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role={role} aria-labelledby={id}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}
