/** One audit row as the auditor sees it (the search, its CSV and the table on the page). */
export type AuditRowView = {
  id: string;
  at: Date;
  /** Who acted: the user's name and email, or the system job. */
  who: string;
  /** The API token's label when the user acted through one. */
  token: string | null;
  sessionId: string | null;
  clientAddress: string | null;
  requestId: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  /** The pupil's UPN when the row is about a pupil. */
  upn: string | null;
  purpose: string | null;
  reason: string | null;
  detail: unknown;
};
