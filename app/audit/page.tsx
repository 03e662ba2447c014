import Link from "next/link";
import { AuditRowsTable } from "@/components/audit/audit-rows-table";
import { DateInput } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button, Select, TextInput } from "@/components/govuk/fields";
import { Pagination } from "@/components/govuk/pagination";
import { auditSearchQuery, parseAuditSearch, type AuditSearch } from "@/lib/schemas/audit";
import { requirePermission } from "@/lib/server/auth";
import { AUDIT_EXPORT_LIMIT, auditSearchChoices, searchAuditLog } from "@/lib/server/audit-log/search-audit-log";
import { ValidationError } from "@/lib/server/errors";

export const metadata = { title: "Audit log" };

type Params = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** The auditor's search of the authority's audit log, newest first, with a CSV download of the same search. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const actor = await requirePermission("audit.read");
  const params = await searchParams;
  const parsed = parseAuditSearch(params);
  const choices = await auditSearchChoices(actor);
  let errors = parsed.ok ? [] : parsed.errors;
  let result: Awaited<ReturnType<typeof searchAuditLog>> | null = null;
  if (parsed.ok) {
    try {
      result = await searchAuditLog(actor, parsed.search);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      errors = Object.entries(error.fieldErrors).flatMap(([field, messages]) =>
        messages.map((message) => ({ field, message })),
      );
    }
  }
  const search: Partial<AuditSearch> = parsed.ok ? parsed.search : {};
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const typed = (field: string) => first(params[field]);
  const dateParts = (field: string) => ({
    day: first(params[`${field}-day`]),
    month: first(params[`${field}-month`]),
    year: first(params[`${field}-year`]),
  });
  const query = parsed.ok ? auditSearchQuery(parsed.search) : "";

  return (
    <>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{actor.authorityName}</span>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">
        Every view of a child&apos;s record, every search and every change, with who did it, when, from where and why.
        Searching for a pupil or a parent or carer finds every access to that child&apos;s records (their cases, flags,
        letters, referrals, penalty notices and tasks). Your searches and downloads are recorded here too.
      </p>

      <form method="get" action="/audit" className="govuk-!-margin-bottom-6" noValidate>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <TextInput
              id="upn"
              name="upn"
              label="Pupil's UPN"
              defaultValue={typed("upn")}
              error={errorOf("upn")}
              className="govuk-input--width-20"
              spellCheck={false}
            />
            <TextInput
              id="parent"
              name="parent"
              label="Parent or carer's name"
              hint="Part of the name is enough"
              defaultValue={typed("parent")}
              error={errorOf("parent")}
            />
            <TextInput
              id="caseId"
              name="caseId"
              label="Case reference"
              hint="As in the case's address, for example 0c0e5b2c-1d3e-4f5a-8b6c-7d8e9f0a1b2c"
              defaultValue={typed("caseId")}
              error={errorOf("caseId")}
              spellCheck={false}
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              id="user"
              name="user"
              label="User"
              defaultValue={typed("user")}
              error={errorOf("user")}
              options={[
                { value: "", text: "Anyone" },
                ...choices.users.map((u) => ({ value: u.id, text: `${u.name} (${u.email})` })),
              ]}
            />
            <Select
              id="action"
              name="action"
              label="Action"
              defaultValue={typed("action")}
              error={errorOf("action")}
              options={[{ value: "", text: "Any action" }, ...choices.actions.map((a) => ({ value: a, text: a }))]}
            />
            <DateInput
              id="from"
              legend="From"
              hint="For example, 1 11 2026"
              defaultValue={search.from}
              defaultParts={dateParts("from")}
              error={errorOf("from")}
            />
            <DateInput
              id="to"
              legend="To"
              hint="For example, 20 11 2026"
              defaultValue={search.to}
              defaultParts={dateParts("to")}
              error={errorOf("to")}
            />
          </div>
        </div>
        <Button>Search the audit log</Button>{" "}
        <Link className="govuk-link govuk-!-margin-left-3" href="/audit">
          Clear the search
        </Link>
      </form>

      {result && (
        <>
          {result.matched && <p className="govuk-body">{result.matched}.</p>}
          <p className="govuk-body">
            {result.total === 0
              ? "No rows match this search."
              : `${result.total.toLocaleString("en-GB")} row${result.total === 1 ? "" : "s"} match, newest first.`}{" "}
            {result.total > 0 && (
              <a className="govuk-link" href={`/audit/export.csv${query ? `?${query}` : ""}`} download>
                Download these rows as CSV
              </a>
            )}
            {result.total > AUDIT_EXPORT_LIMIT &&
              ` (a download holds the newest ${AUDIT_EXPORT_LIMIT.toLocaleString("en-GB")} rows: narrow the search for more)`}
          </p>
          {result.rows.length > 0 && <AuditRowsTable rows={result.rows} caption="Audit rows" />}
          <Pagination
            page={parsed.ok ? parsed.search.page : 1}
            pageCount={result.pageCount}
            hrefFor={(p) => `/audit?${auditSearchQuery(search, p)}`}
          />
        </>
      )}
    </>
  );
}
