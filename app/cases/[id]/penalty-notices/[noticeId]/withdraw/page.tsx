import { CaseFormPage } from "@/components/cases/case-form-page";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { loadNoticeForChange } from "../load-notice";
import { WithdrawNoticeForm } from "./withdraw-notice-form";

export const metadata = { title: "Withdraw a penalty notice" };

export default async function WithdrawNoticePage({ params }: { params: Promise<{ id: string; noticeId: string }> }) {
  const actor = await requirePermission("penalty_notice.manage");
  const { id, noticeId } = await params;
  await askReasonFirst(actor, id, `penalty-notices/${noticeId}/withdraw`); // a manager on another officer's case says why first
  const { view, notice, refused } = await loadNoticeForChange(actor, id, noticeId);
  return (
    <CaseFormPage
      caseId={view.caseId}
      pupilName={`${view.pupilName}: notice to ${notice.parentName}`}
      title="Withdraw the penalty notice"
      refused={refused}
    >
      <WithdrawNoticeForm noticeId={notice.id} version={notice.version} today={today()} />
    </CaseFormPage>
  );
}
