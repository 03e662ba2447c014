import { EvidenceDifferences } from "@/components/enforcement/evidence-differences";
import { SummaryList } from "@/components/govuk/summary-list";
import { Tag } from "@/components/govuk/tag";
import { formatUkDate } from "@/lib/domain/dates";
import { can } from "@/lib/domain/permissions";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { getCertificate, type CertificateView } from "@/lib/server/certificates/get-certificate";
import { orNotFound } from "@/lib/server/not-found";
import { RecordCertificateForm } from "./record-certificate-form";

export const metadata = { title: "Certificate of attendance" };

export default async function CertificatePage({
  params,
  searchParams,
}: {
  params: Promise<{ evidenceId: string }>;
  searchParams: Promise<{ school?: string | string[] }>;
}) {
  const actor = await requirePermission("certificate.read");
  const school = (await searchParams).school;
  const view: CertificateView = await orNotFound(
    getCertificate(actor, (await params).evidenceId, { schoolId: typeof school === "string" ? school : null }),
  );
  const pdfHref = `/certificates/${view.evidenceId}/certificate.pdf?school=${view.school.id}`;
  const mayRecord = !view.signature && view.awaitingReview && can(actor, "certificate.record");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">Certificate of attendance (section 566)</span>
        <h1 className="govuk-heading-l">{view.pupil.name}</h1>
        <p className="govuk-body">
          {view.signature ? (
            <Tag colour="green">Signed</Tag>
          ) : (
            <Tag colour="yellow">Waiting for the head teacher&apos;s signature</Tag>
          )}
        </p>
        <SummaryList
          rows={[
            { key: "School", value: `${view.school.name} (URN ${view.school.urn})` },
            { key: "Period", value: `${formatUkDate(view.period.start)} to ${formatUkDate(view.period.end)}` },
            { key: "Sessions listed", value: String(view.sessions.length) },
            { key: "Unauthorised sessions", value: String(view.totals.unauthorised) },
            { key: "Authorised sessions (not relied on)", value: String(view.totals.authorised) },
            {
              key: "Attendance",
              value:
                view.totals.attendancePct === null
                  ? "No possible sessions"
                  : `${view.totals.attendancePct.toFixed(1)}%`,
            },
            {
              key: "Evidence hash (SHA-256)",
              value: <code style={{ wordBreak: "break-all" }}>{view.contentHash}</code>,
            },
            ...(view.signature
              ? [
                  { key: "Signed by", value: view.signature.signedBy },
                  { key: "Date signed", value: formatUkDate(view.signature.signedOn) },
                  {
                    key: "Recorded",
                    value:
                      view.signature.recordedAs === "school"
                        ? "By the school"
                        : "Signed paper copy, recorded by the attendance service",
                  },
                  ...(view.signature.scanSha256
                    ? [
                        {
                          key: "Signed scan (SHA-256)",
                          value: <code style={{ wordBreak: "break-all" }}>{view.signature.scanSha256}</code>,
                        },
                      ]
                    : []),
                ]
              : []),
          ]}
        />
        <EvidenceDifferences
          comparison={view.liveRegister}
          reliesOn="The certificate lists the register as it was frozen: check the changes with the attendance service before signing."
        />
        <p className="govuk-body">
          <a className="govuk-link" href={pdfHref} download>
            Download the certificate (PDF)
          </a>
        </p>
        {mayRecord && (
          <RecordCertificateForm
            evidenceId={view.evidenceId}
            schoolId={view.school.id}
            periodEnd={view.period.end}
            today={today()}
            onBehalf={actor.role !== "school"}
          />
        )}
      </div>
    </div>
  );
}
