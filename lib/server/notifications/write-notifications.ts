import "server-only";
import { queryable, type DbClient } from "../queryable";

export type NotificationKind =
  | "window_improved"
  | "window_not_referred"
  | "referral_awaiting_review"
  | "referral_decided"
  | "hearing_upcoming"
  | "flag_added_by_school";

/** A message for one user, or (`to: "managers"`) for every active manager of the authority. */
export type NewNotification = {
  authorityId: string;
  to: { userId: string } | "managers";
  caseId: string | null;
  kind: NotificationKind;
  message: string;
};

/**
 * The one writer of notifications, in the caller's transaction (a pg client, or a Prisma transaction through
 * prismaQuery). `createdAt` is when the user is told they were sent (the service clock's now, ISO 8601), so a
 * demo or test on a fixed clock reads consistently.
 */
export async function writeNotifications(
  q: DbClient,
  notifications: readonly NewNotification[],
  createdAt: string,
): Promise<void> {
  if (notifications.length === 0) return;
  const rows = notifications.map((n) => ({
    authority_id: n.authorityId,
    user_id: n.to === "managers" ? null : n.to.userId,
    case_id: n.caseId,
    kind: n.kind,
    message: n.message,
  }));
  // A row without user_id goes to every active manager of its authority.
  await queryable(q).query(
    `INSERT INTO notification (authority_id, user_id, case_id, kind, message, created_at)
     SELECT x.authority_id, coalesce(x.user_id, u.id), x.case_id, x.kind, x.message, $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS x(authority_id uuid, user_id uuid, case_id uuid, kind text, message text)
     LEFT JOIN app_user u ON x.user_id IS NULL AND u.authority_id = x.authority_id AND u.role = 'manager' AND NOT u.disabled
     WHERE x.user_id IS NOT NULL OR u.id IS NOT NULL`,
    [JSON.stringify(rows), createdAt],
  );
}
