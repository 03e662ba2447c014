import Link from "next/link";
import { notFound } from "next/navigation";
import { SchoolCasePanel } from "@/components/school/school-case-panel";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { NotFoundError } from "@/lib/server/errors";
import { getSchoolCaseView, type SchoolCaseView } from "@/lib/server/school-view/get-school-case-view";

export const metadata = { title: "Case" };

/** School staff: the case their school's flag opened, as the school may see it (no casework notes). */
export default async function SchoolCasePage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("case.follow");
  let kase: SchoolCaseView;
  try {
    kase = await getSchoolCaseView(actor, (await params).id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const name = `${kase.pupil.firstName} ${kase.pupil.lastName}`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" href="/school-flags">
          Back to your school&apos;s flags
        </Link>
        <span className="govuk-caption-l">Attendance case (UPN {kase.pupil.upn})</span>
        <h1 className="govuk-heading-l">{name}</h1>
        <SchoolCasePanel kase={kase} today={today()} />
        <p className="govuk-body">
          <Link className="govuk-link" href={`/pupils/${kase.pupil.id}`}>
            {name}&apos;s record
          </Link>
        </p>
      </div>
    </div>
  );
}
