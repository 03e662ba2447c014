import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, TextInput } from "@/components/govuk/fields";
import { SummaryList } from "@/components/govuk/summary-list";
import { formatUkDateOf } from "@/components/cases/format";
import { requirePermission } from "@/lib/server/auth";
import { ValidationError } from "@/lib/server/errors";
import { findSubject, type Subject } from "@/lib/server/subject-access/find-subject";

export const metadata = { title: "Subject access requests" };

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** A subject access request (UK GDPR Article 15; ADR 034): find the pupil by UPN, then download everything held
 * about them, or about one of their parents or carers, as one zip archive. Managers and auditors. */
export default async function SubjectAccessPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requirePermission("subject_access.export");
  const upn = first((await searchParams).upn).trim();
  let subject: Subject | null = null;
  let errors: { field: string; message: string }[] = [];
  if (upn) {
    try {
      subject = await findSubject(actor, upn);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = Object.entries(error.fieldErrors).flatMap(([field, messages]) =>
        messages.map((message) => ({ field, message })),
      );
    }
  }
  const archive = (href: string, text: string) => (
    <a className="govuk-link" href={href} download>
      {text}
    </a>
  );

  return (
    <>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{actor.authorityName}</span>
      <h1 className="govuk-heading-l">Subject access requests</h1>
      <p className="govuk-body">
        Download everything {actor.authorityName} holds in Fast Track about a pupil, or about a parent or carer, as one
        zip file: their record, register marks, cases with the timeline, decisions, referrals, penalty notices and court
        records, the letters sent (PDF), and who viewed or changed the records, when and why.
      </p>
      <div className="govuk-inset-text">
        Other people&apos;s details (another parent&apos;s address or phone, another party to a case) are left out and
        listed in the archive&apos;s <code>for-redaction-review</code> folder. Check each item, and the letters, before
        you send anything. Every download is recorded in the audit log.
      </div>
      <form method="get" action="/subject-access" noValidate>
        <TextInput
          id="upn"
          name="upn"
          label="Pupil's UPN"
          hint="The 13-character unique pupil number, for example B801200001001"
          defaultValue={upn}
          error={errors.find((e) => e.field === "upn")?.message}
          className="govuk-input--width-20"
          spellCheck={false}
        />
        <Button>Find the pupil</Button>
      </form>

      {subject && (
        <>
          <h2 className="govuk-heading-m">{subject.pupil.name}</h2>
          <SummaryList
            rows={[
              { key: "UPN", value: subject.pupil.upn },
              { key: "Date of birth", value: formatUkDateOf(subject.pupil.dateOfBirth) },
              {
                key: "Archive",
                value: archive(
                  `/subject-access/pupils/${encodeURIComponent(subject.pupil.upn)}`,
                  `Download everything about ${subject.pupil.name} (zip)`,
                ),
              },
            ]}
          />
          <h2 className="govuk-heading-m">Parents and carers</h2>
          {subject.parents.length === 0 ? (
            <p className="govuk-body">No parents or carers are recorded for this pupil.</p>
          ) : (
            <ul className="govuk-list">
              {subject.parents.map((p) => (
                <li key={p.id}>
                  {archive(`/subject-access/parents/${p.id}`, `Download everything about ${p.name} (zip)`)}
                  <span className="govuk-hint govuk-!-display-inline"> ({p.relationship.replace(/_/g, " ")})</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
