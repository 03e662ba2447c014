import { CaseFormPage } from "@/components/cases/case-form-page";
import { formatUkDate } from "@/lib/domain/dates";
import { formatPence } from "@/lib/domain/money";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { loadNoticeForChange } from "../load-notice";
import { RecordPaymentForm } from "./record-payment-form";

export const metadata = { title: "Record a penalty notice payment" };

export default async function RecordPaymentPage({ params }: { params: Promise<{ id: string; noticeId: string }> }) {
  const actor = await requirePermission("penalty_notice.manage");
  const { id, noticeId } = await params;
  await askReasonFirst(actor, id, `penalty-notices/${noticeId}/pay`); // a manager on another officer's case says why first
  const { view, notice, refused } = await loadNoticeForChange(actor, id, noticeId);
  const amounts =
    notice.lowerAmountPence === notice.higherAmountPence
      ? `${formatPence(notice.higherAmountPence)} if paid by ${formatUkDate(notice.lastDay)}`
      : `${formatPence(notice.lowerAmountPence)} if paid by ${formatUkDate(notice.lowerUntil)}, ${formatPence(notice.higherAmountPence)} by ${formatUkDate(notice.lastDay)}`;
  return (
    <CaseFormPage
      caseId={view.caseId}
      pupilName={`${view.pupilName}: notice to ${notice.parentName}`}
      title="Record a payment"
      refused={refused}
    >
      <RecordPaymentForm noticeId={notice.id} version={notice.version} amounts={amounts} today={today()} />
    </CaseFormPage>
  );
}
