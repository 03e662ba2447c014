import { CaseFormPage } from "@/components/cases/case-form-page";
import { formatUkDate } from "@/lib/domain/dates";
import { formatAddress } from "@/lib/domain/letters";
import { RELATIONSHIP_LABELS, type Relationship } from "@/lib/domain/relationships";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { findLetterParties } from "@/lib/server/letters/find-letter-parties";
import { ProduceLettersForm } from "./produce-letters-form";

export const metadata = { title: "Produce letters" };

export default async function ProduceLettersPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.manage");
  await askReasonFirst(actor, (await params).id, "letters/new"); // a manager on another officer's case says why first
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id));
  const parties = await findLetterParties(actor, kase.id);
  return (
    <CaseFormPage caseId={kase.id} pupilName={pupilName} title="Produce letters" refused={refused}>
      <ProduceLettersForm
        caseId={kase.id}
        version={kase.version}
        todayText={formatUkDate(today())}
        windowText={
          kase.window
            ? `Fast Track window: ${formatUkDate(kase.window.start)} to ${formatUkDate(kase.window.end)}.`
            : "The Fast Track window has not started. The warning letter starts it on the letter's date, with the target you set below; the review and final warning letters need a window that has started."
        }
        windowStarted={kase.window !== null}
        parties={parties.map((p) => ({
          id: p.id,
          name: p.name,
          relationship: RELATIONSHIP_LABELS[p.relationship as Relationship] ?? p.relationship,
          address: formatAddress(p.address),
        }))}
      />
    </CaseFormPage>
  );
}
