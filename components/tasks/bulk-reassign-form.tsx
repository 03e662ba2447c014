"use client";
import { useActionState, type ReactNode } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select } from "@/components/govuk/fields";
import type { ActionState } from "@/lib/schemas/action-state";

type Result = ActionState<{ moved: number; unchanged: number }>;

/**
 * A form around a list whose rows carry checkboxes named taskIds: "reassign the selected tasks to …". Works without
 * JavaScript (the server action answers with the page's state); all or nothing on the server.
 */
export function BulkReassignForm({
  action,
  assignees,
  children,
}: {
  action: (state: Result, formData: FormData) => Promise<Result>;
  assignees: { id: string; name: string }[];
  children: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors =
    state && !state.ok
      ? [
          ...(state.formError ? [{ message: state.formError }] : []),
          ...Object.entries(state.fieldErrors).flatMap(([field, messages]) =>
            messages.map((message) => ({ field: field === "taskIds" ? undefined : "bulk-assignedTo", message })),
          ),
        ]
      : [];
  return (
    <form action={formAction}>
      <ErrorSummary errors={errors} />
      {state?.ok && (
        <div className="govuk-notification-banner govuk-notification-banner--success" role="status">
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              {state.data.moved} {state.data.moved === 1 ? "task" : "tasks"} reassigned
            </p>
          </div>
        </div>
      )}
      {children}
      <div className="app-bulk-bar">
        <Select
          id="bulk-assignedTo"
          name="assignedTo"
          label="Reassign the selected tasks to"
          labelClass="govuk-label--s"
          options={[{ value: "", text: "Choose someone" }, ...assignees.map((a) => ({ value: a.id, text: a.name }))]}
          defaultValue=""
        />
        <Button secondary disabled={pending}>
          Reassign selected tasks
        </Button>
      </div>
    </form>
  );
}
