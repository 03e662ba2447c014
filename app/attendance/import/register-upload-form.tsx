"use client";
import { registerContentType } from "@/lib/domain/register-csv";
import { useActionState, useRef, useState, type FormEvent } from "react";
import { importStateFrom, fileError, type ImportState } from "@/components/attendance/import-outcome";
import { ImportErrorSummary, ImportSavedPanel } from "@/components/attendance/import-result";
import { importRegisterAction } from "./actions";

const API = "/api/v1/attendance/imports";

/**
 * The register upload. With JavaScript the file goes straight to the import API (streamed, no size limit) and
 * the upload's progress is announced; without it the form posts to the server action. Either way the answer
 * is shown by the same summary or panel.
 */
export function RegisterUploadForm() {
  const [actionState, formAction, actionPending] = useActionState(importRegisterAction, null);
  const [uploadState, setUploadState] = useState<ImportState>(null);
  const [uploaded, setUploaded] = useState(false);
  const [progress, setProgress] = useState("");
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const state = uploaded ? uploadState : actionState;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setUploaded(true);
    const file = input.current?.files?.[0];
    if (!file) return setUploadState(fileError("Select a register file (CSV) to upload"));
    if (file.size === 0) return setUploadState(fileError("The selected file is empty"));
    setUploadState(null);
    setBusy(true);
    setProgress("Uploading: 0%");
    let shown = 0;
    const xhr = new XMLHttpRequest();
    xhr.open("POST", API);
    xhr.setRequestHeader("Content-Type", registerContentType(file.name));
    // Header values must be plain ASCII; the name is only a label for the import record.
    xhr.setRequestHeader("X-Filename", file.name.replace(/[^\x20-\x7e]/g, "_"));
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.floor((e.loaded / e.total) * 100);
      // Announce in steps of 10% so a screen reader is not flooded.
      if (percent >= shown + 10 || percent === 100) {
        shown = percent - (percent % 10);
        setProgress(`Uploading: ${percent}%`);
      }
    };
    xhr.upload.onload = () => setProgress("Checking and saving the register…");
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      setUploadState(importStateFrom(xhr.status, body, file.name));
      setProgress("");
      setBusy(false);
      if (xhr.status === 201 && input.current) input.current.value = "";
    };
    xhr.onerror = () => {
      setUploadState(fileError("The file could not be uploaded. Check your connection and try again."));
      setProgress("");
      setBusy(false);
    };
    xhr.send(file);
  };

  const failed = state && !state.ok ? state : null;
  const messages = failed
    ? [...(failed.formError ? [failed.formError] : []), ...Object.values(failed.fieldErrors).flat()]
    : [];
  const fieldMessage = failed ? (Object.values(failed.fieldErrors).flat()[0] ?? failed.formError) : undefined;
  const pending = busy || actionPending;

  return (
    <>
      {failed && <ImportErrorSummary messages={messages} rowErrors={failed.rowErrors} fieldId="file" />}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {state?.ok && <ImportSavedPanel saved={state.data} />}
          <form action={formAction} onSubmit={onSubmit} noValidate>
            <div className={`govuk-form-group${fieldMessage ? " govuk-form-group--error" : ""}`}>
              <h2 className="govuk-label-wrapper">
                <label className="govuk-label govuk-label--m" htmlFor="file">
                  {state?.ok ? "Upload another register" : "Upload a register"}
                </label>
              </h2>
              <div className="govuk-hint" id="file-hint">
                A CSV file in the format below, or a DfE Common Transfer File (.xml)
              </div>
              {fieldMessage && (
                <p id="file-error" className="govuk-error-message">
                  <span className="govuk-visually-hidden">Error:</span> {fieldMessage}
                </p>
              )}
              <input
                ref={input}
                className={`govuk-file-upload${fieldMessage ? " govuk-file-upload--error" : ""}`}
                id="file"
                name="file"
                type="file"
                accept=".csv,text/csv,.xml,application/xml"
                aria-describedby={`file-hint${fieldMessage ? " file-error" : ""}`}
                disabled={pending}
              />
            </div>
            <div className="govuk-body" aria-live="polite" role="status" data-testid="upload-progress">
              {progress}
            </div>
            <button
              type="submit"
              className="govuk-button"
              data-module="govuk-button"
              disabled={pending}
              aria-disabled={pending}
            >
              Upload and import
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
