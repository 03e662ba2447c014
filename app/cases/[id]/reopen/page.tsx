import { CaseFormPage } from "@/components/cases/case-form-page";
import { requirePermission } from "@/lib/server/auth";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { ReopenCaseForm } from "./reopen-case-form";

export const metadata = { title: "Reopen the case" };

export default async function ReopenCasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.manage");
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id, "reopen"));
  return (
    <CaseFormPage caseId={kase.id} pupilName={pupilName} title="Reopen the case" refused={refused}>
      <ReopenCaseForm caseId={kase.id} version={kase.version} />
    </CaseFormPage>
  );
}
