import { CaseFormPage } from "@/components/cases/case-form-page";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { RecordEsoForm } from "./record-eso-form";

export const metadata = { title: "Record an Education Supervision Order" };

export default async function RecordEsoPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.manage");
  await askReasonFirst(actor, (await params).id, "eso/new"); // a manager on another officer's case says why first
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id));
  return (
    <CaseFormPage
      caseId={kase.id}
      pupilName={pupilName}
      title="Record an Education Supervision Order"
      refused={refused}
    >
      <RecordEsoForm caseId={kase.id} version={kase.version} today={today()} />
    </CaseFormPage>
  );
}
