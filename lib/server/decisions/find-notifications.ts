import "server-only";
// Notifications are the service's messages to people (a window decided, a referral awaiting review, a school's
// flag decided); a user only ever sees their own. Each names the pupil and links to the case, grouped by case.
import { groupNotificationsByCase, type NotificationGroup } from "@/lib/domain/notification-groups";
import { can } from "@/lib/domain/permissions";
import { toIsoDate } from "@/lib/domain/dates";
import type { Actor } from "../actor";
import { audit } from "../audit";
import { db } from "../db";
import { pgPool } from "../pg";

export type NotificationView = {
  id: string;
  kind: string;
  message: string;
  caseId: string | null;
  createdAt: Date;
  readAt: Date | null;
};

/** A group's case: the pupil it concerns and where the user reads it (officers and managers the case page, school
 * staff their view of it). */
export type NotificationCase = { pupil: string; upn: string; openedOn: string; href: string } | null;

/** The signed-in user's own notifications, newest first, at most `take`, grouped by case with each case's pupil. */
export async function findNotifications(
  actor: Actor,
  options: { take?: number } = {},
): Promise<{
  items: NotificationView[];
  groups: (NotificationGroup<NotificationView> & { kase: NotificationCase })[];
  unread: number;
}> {
  const where = { userId: actor.id, authorityId: actor.authorityId };
  const [rows, unread] = await Promise.all([
    db.notification.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: options.take ?? 100 }),
    db.notification.count({ where: { ...where, readAt: null } }),
  ]);
  const items = rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    message: n.message,
    caseId: n.caseId,
    createdAt: n.createdAt,
    readAt: n.readAt,
  }));
  const caseIds = [...new Set(items.flatMap((n) => (n.caseId ? [n.caseId] : [])))];
  const cases = caseIds.length
    ? await db.attendanceCase.findMany({
        where: { authorityId: actor.authorityId, id: { in: caseIds } },
        select: { id: true, pupilId: true, openedOn: true },
      })
    : [];
  const pupils = cases.length
    ? await db.pupil.findMany({
        where: { authorityId: actor.authorityId, id: { in: cases.map((c) => c.pupilId) } },
        select: { id: true, firstName: true, lastName: true, upn: true },
      })
    : [];
  const reader = can(actor, "case.read") ? "/cases" : can(actor, "case.follow") ? "/school-cases" : null;
  const groups = groupNotificationsByCase(items).map((g) => {
    const kase = g.caseId ? cases.find((c) => c.id === g.caseId) : undefined;
    const pupil = kase ? pupils.find((p) => p.id === kase.pupilId) : undefined;
    return {
      ...g,
      kase:
        kase && pupil && reader
          ? {
              pupil: `${pupil.firstName} ${pupil.lastName}`,
              upn: pupil.upn,
              openedOn: toIsoDate(kase.openedOn),
              href: `${reader}/${kase.id}`,
            }
          : null,
    };
  });
  // The messages name pupils: reading them is audited like any other list.
  await audit(actor, { action: "notification.list", detail: { shown: items.length, unread } });
  return { items, groups, unread };
}

/** How many of the user's notifications are unread: the count in the header (no message is read, so no audit). */
export async function countUnreadNotifications(actor: Actor): Promise<number> {
  // Through the pg pool, not Prisma: the layout sends it on every page.
  const { rows } = await pgPool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM notification WHERE user_id = $1::uuid AND authority_id = $2::uuid AND read_at IS NULL`,
    [actor.id, actor.authorityId],
  );
  return rows[0]!.n;
}
