import { CaseFormPage } from "@/components/cases/case-form-page";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { findOfficers } from "@/lib/server/cases/find-officers";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { ReassignCaseForm } from "./reassign-case-form";

export const metadata = { title: "Reassign the case" };

export default async function ReassignCasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.manage");
  await askReasonFirst(actor, (await params).id, "reassign"); // a manager on another officer's case says why first
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id));
  const officers = (await findOfficers(actor)).filter((o) => o.id !== kase.assignedOfficer.id);
  return (
    <CaseFormPage caseId={kase.id} pupilName={pupilName} title="Reassign the case" refused={refused}>
      <ReassignCaseForm
        caseId={kase.id}
        version={kase.version}
        officers={officers}
        currentOfficer={kase.assignedOfficer.name}
      />
    </CaseFormPage>
  );
}
