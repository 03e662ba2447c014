import { CaseFormPage } from "@/components/cases/case-form-page";
import { formatUkDate } from "@/lib/domain/dates";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { AddCaseEventForm } from "./add-case-event-form";

export const metadata = { title: "Record work on the case" };

export default async function AddCaseEventPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.manage");
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id));
  return (
    <CaseFormPage caseId={kase.id} pupilName={pupilName} title="Record work on the case" refused={refused}>
      <AddCaseEventForm
        caseId={kase.id}
        version={kase.version}
        todayText={formatUkDate(today())}
        parties={kase.parties.map((p) => ({ id: p.id, name: `${p.firstName} ${p.lastName}` }))}
      />
    </CaseFormPage>
  );
}
