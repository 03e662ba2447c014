// Notifications grouped by case (issue 15: "Every notification names the pupil and the case, links to it, and is
// grouped by case"): the groups in the order of their newest notification, unread first within a group's order of
// arrival; notifications about no case (a declined flag) in a group of their own at the end.

export type GroupableNotification = { id: string; caseId: string | null; createdAt: Date; readAt: Date | null };

export type NotificationGroup<N extends GroupableNotification> = {
  caseId: string | null;
  items: N[];
  unread: number;
  newest: Date;
};

export function groupNotificationsByCase<N extends GroupableNotification>(items: readonly N[]): NotificationGroup<N>[] {
  const byCase = new Map<string | null, N[]>();
  for (const n of items) {
    const list = byCase.get(n.caseId) ?? [];
    list.push(n);
    byCase.set(n.caseId, list);
  }
  const groups = [...byCase.entries()].map(([caseId, list]) => {
    const sorted = [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    return {
      caseId,
      items: sorted,
      unread: sorted.filter((n) => n.readAt === null).length,
      newest: sorted[0]!.createdAt,
    };
  });
  return groups.sort((a, b) => {
    if ((a.caseId === null) !== (b.caseId === null)) return a.caseId === null ? 1 : -1;
    return b.newest.getTime() - a.newest.getTime();
  });
}
