import "server-only";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/server/auth";
import { orNotFound } from "@/lib/server/not-found";
import { findCasePenaltyNotices } from "@/lib/server/penalty-notices/find-case-penalty-notices";

/** The notice on the case (404 when either is out of scope or they do not belong together), and why the actor
 * cannot change it, if they cannot. */
export async function loadNoticeForChange(actor: Actor, caseId: string, noticeId: string) {
  const view = await orNotFound(findCasePenaltyNotices(actor, caseId));
  const notice = view.parties.flatMap((p) => p.notices).find((n) => n.id === noticeId);
  if (!notice) notFound();
  const refused = !view.canManage
    ? "Only the officer assigned to this case, or a manager, can change its penalty notices, and not on a closed case."
    : notice.status !== "issued"
      ? "This penalty notice is no longer open: it has been paid, withdrawn or referred."
      : null;
  return { view, notice, refused };
}
