/** What every server action returns to its form. */
export type ActionState<T = unknown> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors: Record<string, string[]>; formError?: string; values?: Record<string, string> }
  | null;
