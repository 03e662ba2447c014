import Link from "next/link";
import { Table } from "@/components/govuk/table";
import { Tag } from "@/components/govuk/tag";
import { formatUkDate } from "@/lib/domain/dates";
import { requirePermission } from "@/lib/server/auth";
import { findCertificates } from "@/lib/server/certificates/find-certificates";

export const metadata = { title: "Attendance certificates" };

/** The s.566 certificates prosecution referrals awaiting review need: school staff see their own school's. */
export default async function CertificatesPage() {
  const actor = await requirePermission("certificate.read");
  const items = await findCertificates(actor);
  const waiting = items.filter((i) => !i.signed).length;
  return (
    <>
      <span className="govuk-caption-l">{actor.schoolName ?? actor.authorityName}</span>
      <h1 className="govuk-heading-l">Attendance certificates</h1>
      <p className="govuk-body">
        A prosecution for a pupil&apos;s absence relies on the head teacher&apos;s certificate of attendance (Education
        Act 1996, section 566), built from the register as it was when the case was decided. Check each certificate,
        have it signed, and record who signed it and when.
      </p>
      <p className="govuk-body">
        {waiting === 0 ? "No certificates are waiting for a signature." : `${waiting} waiting for a signature.`}
      </p>
      {items.length > 0 && (
        <Table
          caption="Certificates, waiting first"
          captionHidden
          rowKey={(i) => `${i.evidenceId}-${i.schoolId}`}
          rows={items}
          columns={[
            {
              header: "Pupil",
              cell: (i) => (
                <Link className="govuk-link" href={`/certificates/${i.evidenceId}?school=${i.schoolId}`}>
                  {i.pupilName}
                </Link>
              ),
            },
            { header: "UPN", cell: (i) => i.upn },
            ...(actor.role === "school"
              ? []
              : [{ header: "School", cell: (i: (typeof items)[number]) => i.schoolName }]),
            { header: "Period", cell: (i) => `${formatUkDate(i.periodStart)} to ${formatUkDate(i.periodEnd)}` },
            {
              header: "Status",
              cell: (i) =>
                i.signed ? (
                  <Tag colour="green">
                    Signed by {i.signed.signedBy}, {formatUkDate(i.signed.signedOn)}
                  </Tag>
                ) : (
                  <Tag colour="yellow">Waiting for a signature</Tag>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
