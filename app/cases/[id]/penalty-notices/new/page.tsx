import { CaseFormPage } from "@/components/cases/case-form-page";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { orNotFound } from "@/lib/server/not-found";
import { findCasePenaltyNotices } from "@/lib/server/penalty-notices/find-case-penalty-notices";
import { IssuePenaltyNoticeForm } from "./issue-penalty-notice-form";

export const metadata = { title: "Issue a penalty notice" };

/** The form only when findCasePenaltyNotices offers issuing (the threshold met, a parent/carer who would not get a
 * third notice within 3 years, and the user may change the case); otherwise why not. issuePenaltyNotice refuses
 * the same anyway. Only the parents/carers who may be given a notice are offered; the others are named with why. */
export default async function IssuePenaltyNoticePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("penalty_notice.manage");
  await askReasonFirst(actor, (await params).id, "penalty-notices/new"); // a manager on another officer's case says why first
  const view = await orNotFound(findCasePenaltyNotices(actor, (await params).id));
  const now = today();
  return (
    <CaseFormPage
      caseId={view.caseId}
      pupilName={view.pupilName}
      title="Issue a penalty notice"
      refused={view.issue.offered ? null : view.issue.message}
    >
      <IssuePenaltyNoticeForm
        caseId={view.caseId}
        parents={view.parties.filter((p) => p.issue.offered).map((p) => ({ id: p.parentId, name: p.name }))}
        notOffered={view.parties.flatMap((p) => (p.issue.offered ? [] : [p.issue.message]))}
        defaults={{ issueDate: now, periodStart: view.threshold?.start ?? "", periodEnd: view.threshold?.end ?? "" }}
      />
    </CaseFormPage>
  );
}
