"use client";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { linkSiblingsAction } from "./actions";

/** One button: look again for siblings' open cases (for example after a parent was added to the record). */
export function LinkSiblingsForm({ caseId }: { caseId: string }) {
  const [state, formAction, pending] = useActionState(linkSiblingsAction, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="caseId" value={caseId} />
      {/* A refusal (say the case was closed meanwhile) is said in the GOV.UK error summary, never dropped. */}
      <ErrorSummary
        errors={
          state && !state.ok
            ? [
                ...(state.formError ? [{ message: state.formError }] : []),
                ...Object.values(state.fieldErrors)
                  .flat()
                  .map((message) => ({ message })),
              ]
            : []
        }
      />
      {state?.ok && (
        <p className="govuk-body" role="status">
          {state.data.linked === 0
            ? "No other siblings' open cases were found."
            : `${state.data.linked} sibling ${state.data.linked === 1 ? "case" : "cases"} linked.`}
        </p>
      )}
      <button
        type="submit"
        className="govuk-button govuk-button--secondary"
        data-module="govuk-button"
        disabled={pending}
      >
        Look for siblings&apos; cases
      </button>
    </form>
  );
}
