import { CaseFormPage } from "@/components/cases/case-form-page";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { ReopenCaseForm } from "./reopen-case-form";

export const metadata = { title: "Reopen the case" };

export default async function ReopenCasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.manage");
  await askReasonFirst(actor, (await params).id, "reopen"); // a manager on another officer's case says why first
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id, "reopen"));
  return (
    <CaseFormPage caseId={kase.id} pupilName={pupilName} title="Reopen the case" refused={refused}>
      <ReopenCaseForm caseId={kase.id} version={kase.version} />
    </CaseFormPage>
  );
}
