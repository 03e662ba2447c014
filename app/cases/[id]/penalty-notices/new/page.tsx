import { CaseFormPage } from "@/components/cases/case-form-page";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { orNotFound } from "@/lib/server/cases/or-not-found";
import { findCasePenaltyNotices } from "@/lib/server/penalty-notices/find-case-penalty-notices";
import { IssuePenaltyNoticeForm } from "./issue-penalty-notice-form";

export const metadata = { title: "Issue a penalty notice" };

export default async function IssuePenaltyNoticePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("penalty_notice.manage");
  const view = await orNotFound(findCasePenaltyNotices(actor, (await params).id));
  const now = today();
  const refused = !view.canManage
    ? "Only the officer assigned to this case, or a manager, can issue a penalty notice, and not on a closed case."
    : view.parties.length === 0 ? "No parents or carers are named on this case." : null;
  return (
    <CaseFormPage caseId={view.caseId} pupilName={view.pupilName} title="Issue a penalty notice" refused={refused}>
      <IssuePenaltyNoticeForm
        caseId={view.caseId}
        parents={view.parties.map((p) => ({ id: p.parentId, name: p.name }))}
        defaults={{ issueDate: now, periodStart: view.threshold?.start ?? "", periodEnd: view.threshold?.end ?? "" }}
      />
    </CaseFormPage>
  );
}
