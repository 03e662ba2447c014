import Link from "next/link";
import { Button, TextInput } from "@/components/govuk/fields";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Table } from "@/components/govuk/table";
import { Tag } from "@/components/govuk/tag";
import { formatUkDate } from "@/lib/domain/dates";
import { requirePermission } from "@/lib/server/auth";
import { CASE_SEARCH_LIMIT, searchCases } from "@/lib/server/queues/search-cases";

export const metadata = { title: "Find a case" };

export default async function FindCasePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("case.read");
  const params = await searchParams;
  const raw = Array.isArray(params.q) ? (params.q[0] ?? "") : (params.q ?? "");
  const submitted = params.q !== undefined;
  const result = submitted ? await searchCases(actor, raw) : null;
  const error = result && !result.ok ? result.message : undefined;

  return (
    <>
      <Link className="govuk-back-link" href="/cases">
        Back to work queues
      </Link>
      <ErrorSummary errors={error ? [{ field: "q", message: error }] : []} />
      <h1 className="govuk-heading-l">Find a case</h1>
      <form method="get" action="/cases/find" noValidate>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <TextInput
              id="q"
              name="q"
              label="Pupil's name or UPN"
              hint="For example Ava Robson or A841200125001. Closed cases are included."
              defaultValue={raw}
              error={error}
              spellCheck={false}
              autoComplete="off"
              maxLength={100}
            />
          </div>
        </div>
        <Button>Search</Button>
      </form>
      {result?.ok && (
        <>
          <p className="govuk-body" role="status">
            {result.total === 0
              ? `No cases found for “${result.q}”.`
              : `${result.total} ${result.total === 1 ? "case" : "cases"} found for “${result.q}”.`}
            {result.total > CASE_SEARCH_LIMIT &&
              ` Showing the newest ${CASE_SEARCH_LIMIT}: search by UPN to narrow it down.`}
          </p>
          {result.cases.length > 0 && (
            <Table
              caption="Cases found"
              captionHidden
              rows={result.cases}
              rowKey={(c) => c.id}
              columns={[
                {
                  header: "Pupil",
                  cell: (c) => (
                    <>
                      <Link className="govuk-link" href={`/cases/${c.id}`}>
                        {c.pupil}
                      </Link>
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">UPN {c.upn}</span>
                    </>
                  ),
                },
                { header: "School", cell: (c) => c.school },
                { header: "Officer", cell: (c) => c.officer },
                {
                  header: "Status",
                  cell: (c) => <Tag colour={c.statusKey === "closed" ? "grey" : "blue"}>{c.status}</Tag>,
                },
                { header: "Opened", cell: (c) => formatUkDate(c.openedOn) },
              ]}
            />
          )}
        </>
      )}
    </>
  );
}
