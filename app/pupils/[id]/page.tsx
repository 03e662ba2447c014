import Link from "next/link";
import { SummaryList } from "@/components/govuk/summary-list";
import { Table } from "@/components/govuk/table";
import { Tag } from "@/components/govuk/tag";
import { ageOn, formatUkDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import { RELATIONSHIP_LABELS, type Relationship } from "@/lib/domain/relationships";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askPupilReasonFirst } from "@/lib/server/cases/access-reason";
import { findOpenCaseId } from "@/lib/server/cases/find-open-case";
import { getPupilOrNotFound } from "@/lib/server/pupils/get-pupil-page";
import { SchoolCasePanel } from "@/components/school/school-case-panel";
import { findSchoolCaseIdForPupil, getSchoolCaseView } from "@/lib/server/school-view/get-school-case-view";
import { PupilCharacteristicsSection } from "./_sections/characteristics-section";

export const metadata = { title: "Pupil" };

const yesNo = (v: boolean) => (v ? "Yes" : "No");

export default async function PupilPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("pupil.read");
  const pupilId = (await params).id;
  // A manager or officer opening a pupil whose cases are all someone else's says why first (lib/domain/access-reason.ts).
  const reason = await askPupilReasonFirst(actor, pupilId, "");
  const pupil = await getPupilOrNotFound(actor, pupilId, reason);
  const current = pupil.enrolments.find((e) => e.endDate === null || e.endDate >= today());
  const openCaseId = await findOpenCaseId(actor, pupil.id);
  // School staff: the case their school's flag opened, as they may see it.
  const schoolCaseId = await findSchoolCaseIdForPupil(actor, pupil.id);
  const schoolCase = schoolCaseId ? await getSchoolCaseView(actor, schoolCaseId) : null;
  return (
    <>
      <span className="govuk-caption-l">Pupil</span>
      <h1 className="govuk-heading-l" data-testid="pupil-heading">
        {pupil.firstName} {pupil.middleNames ? `${pupil.middleNames} ` : ""}
        {pupil.lastName}
      </h1>
      {can(actor, "attendance.read") && (
        <p className="govuk-body">
          <Link className="govuk-link" href={`/pupils/${pupil.id}/attendance`}>
            View attendance
          </Link>
        </p>
      )}
      {can(actor, "case.flag") && (
        <p className="govuk-body">
          <Link className="govuk-link" href={`/school-flags/new?pupil=${pupil.id}`}>
            Flag this pupil to the attendance service
          </Link>
        </p>
      )}
      {schoolCase && (
        <section aria-labelledby="school-case" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m" id="school-case">
            The attendance service&apos;s case
          </h2>
          <SchoolCasePanel kase={schoolCase} today={today()} headingLevel={3} />
        </section>
      )}
      {can(actor, "case.manage") &&
        (openCaseId ? (
          <p className="govuk-body">
            <Link className="govuk-link" href={`/cases/${openCaseId}`}>
              View the open case
            </Link>
          </p>
        ) : (
          <p className="govuk-body">
            <Link className="govuk-link" href={`/cases/new?pupil=${pupil.id}`}>
              Open a case
            </Link>
          </p>
        ))}
      <SummaryList
        rows={[
          {
            key: "UPN",
            value: (
              <>
                {pupil.upn} {pupil.upnTemporary && <Tag colour="yellow">Temporary UPN</Tag>}
              </>
            ),
          },
          ...(pupil.formerUpn ? [{ key: "Former UPN", value: pupil.formerUpn }] : []),
          {
            key: "Date of birth",
            value: `${formatUkDate(pupil.dateOfBirth)} (age ${ageOn(pupil.dateOfBirth, today())})`,
          },
          { key: "Sex", value: pupil.sex === "F" ? "Female" : "Male" },
          { key: "School", value: current ? current.schoolName : "Not on roll at a school in this authority" },
          {
            key: "Year group",
            value: current ? (current.yearGroup === "R" ? "Reception" : `Year ${current.yearGroup}`) : "Not known",
          },
        ]}
      />

      <PupilCharacteristicsSection pupilId={pupil.id} />

      <h2 className="govuk-heading-m">Parents and carers</h2>
      {pupil.parents.length === 0 && <p className="govuk-body">No parents or carers are recorded.</p>}
      {pupil.parents.map((p) => (
        <div className="govuk-summary-card" key={p.id}>
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title">
              {[p.title, p.firstName, p.lastName].filter(Boolean).join(" ")} (
              {RELATIONSHIP_LABELS[p.relationship as Relationship] ?? p.relationship})
            </h3>
          </div>
          <div className="govuk-summary-card__content">
            <SummaryList
              rows={[
                { key: "Parental responsibility", value: yesNo(p.parentalResponsibility) },
                { key: "Lives with pupil", value: yesNo(p.livesWithPupil) },
                {
                  key: "Address",
                  value: [p.address.line1, p.address.line2, p.address.town, p.address.postcode]
                    .filter(Boolean)
                    .map((line) => (
                      <span key={line} style={{ display: "block" }}>
                        {line}
                      </span>
                    )),
                },
                { key: "Phone", value: p.phone ?? "Not recorded" },
                { key: "Email", value: p.email ?? "Not recorded" },
              ]}
            />
          </div>
        </div>
      ))}

      <Table
        caption="Enrolments"
        rowKey={(e) => e.id}
        rows={pupil.enrolments}
        columns={[
          { header: "School", cell: (e) => `${e.schoolName} (URN ${e.schoolUrn})` },
          { header: "Year group", cell: (e) => e.yearGroup },
          { header: "From", cell: (e) => formatUkDate(e.startDate) },
          { header: "To", cell: (e) => (e.endDate ? formatUkDate(e.endDate) : "Current") },
        ]}
      />
    </>
  );
}
