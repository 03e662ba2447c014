"use client";
import { useCallback, useEffect, useRef, useState } from "react";

const WARN_BEFORE_MS = 2 * 60_000;

/**
 * The idle-session warning (the GOV.UK timeout-warning pattern). Each page load renews the session; two
 * minutes before it would expire a modal dialog offers to stay signed in, and at expiry the user is sent to
 * sign in again.
 */
export function SessionTimeout({ idleMinutes, onTimeout }: { idleMinutes: number; onTimeout: () => Promise<void> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [secondsLeft, setSecondsLeft] = useState(WARN_BEFORE_MS / 1000);
  const expiresAt = useRef(Date.now() + idleMinutes * 60_000);

  const renew = useCallback(async () => {
    const response = await fetch("/api/auth/session", { cache: "no-store" });
    const session = response.ok ? ((await response.json()) as { uid?: string } | null) : null;
    if (!session?.uid) {
      await onTimeout();
      return;
    }
    expiresAt.current = Date.now() + idleMinutes * 60_000;
    // Says the countdown has (re)started from the server's answer: a test that moves the clock waits for this,
    // not for the response alone, whose handling may still be running.
    dialog.current?.setAttribute("data-renewed", String(Number(dialog.current.dataset.renewed ?? 0) + 1));
    if (dialog.current?.open) dialog.current.close();
  }, [idleMinutes, onTimeout]);

  useEffect(() => {
    void renew();
    const timer = window.setInterval(() => {
      const left = expiresAt.current - Date.now();
      if (left <= 0) {
        window.clearInterval(timer);
        void onTimeout();
      } else if (left <= WARN_BEFORE_MS) {
        setSecondsLeft(Math.ceil(left / 1000));
        if (dialog.current && !dialog.current.open) dialog.current.showModal();
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [renew, onTimeout]);

  const minutes = Math.floor(secondsLeft / 60);
  const seconds = secondsLeft % 60;
  return (
    <dialog
      ref={dialog}
      className="app-timeout-dialog"
      aria-labelledby="timeout-heading"
      aria-describedby="timeout-text"
    >
      <h2 className="govuk-heading-m" id="timeout-heading">
        You’re about to be signed out
      </h2>
      <p className="govuk-body" id="timeout-text" aria-live="polite">
        For your security, we will sign you out in {minutes > 0 ? `${minutes} minute${minutes > 1 ? "s" : ""} ` : ""}
        {seconds} second{seconds === 1 ? "" : "s"}.
      </p>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" onClick={() => void renew()}>
          Stay signed in
        </button>
        <a className="govuk-link" href="/sign-out">
          Sign out
        </a>
      </div>
    </dialog>
  );
}
