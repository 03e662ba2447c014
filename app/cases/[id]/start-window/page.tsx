import { CaseFormPage } from "@/components/cases/case-form-page";
import { MilestonesTable } from "@/components/cases/window-panel";
import { DateInput, dateHint } from "@/components/govuk/date-input";
import { ErrorSummary } from "@/components/govuk/error-summary";
import { Button } from "@/components/govuk/fields";
import { SummaryList } from "@/components/govuk/summary-list";
import { DEFAULT_TARGET } from "@/lib/domain/case-target";
import { formatUkDate } from "@/lib/domain/dates";
import { WINDOW_ALREADY_STARTED } from "@/lib/domain/case-state";
import { today } from "@/lib/env";
import { readDateFilter } from "@/lib/schemas/date-filter";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { previewWindow } from "@/lib/server/cases/preview-window";
import { StartWindowForm } from "./start-window-form";

export const metadata = { title: "Start the Fast Track window" };

/**
 * Starts the window. The end date and milestones are never typed: "Show the dates" plans them from the term
 * calendar for the date entered (a GOV.UK date input, `?start-day=&start-month=&start-year=`, or `?start=` as an ISO
 * date), exactly as starting the window will.
 */
export default async function StartWindowPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePermission("case.manage");
  await askReasonFirst(actor, (await params).id, "start-window"); // a manager on another officer's case says why first
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id));
  const now = today();
  const asked = readDateFilter(await searchParams, "start", "the start date");
  const start = asked.error ? null : (asked.iso ?? now);
  const preview = start ? await previewWindow(actor, { caseId: kase.id, startDate: start }) : null;
  const title = "Start the Fast Track window";
  return (
    <CaseFormPage
      caseId={kase.id}
      pupilName={pupilName}
      title={title}
      refused={refused ?? (kase.window ? WINDOW_ALREADY_STARTED : null)}
    >
      <StartWindowForm
        caseId={kase.id}
        version={kase.version}
        startDate={start ?? ""}
        caseOpenedOn={kase.openedOn}
        today={now}
        defaultMinAttendancePct={
          DEFAULT_TARGET.minAttendancePct === null ? "" : String(DEFAULT_TARGET.minAttendancePct)
        }
        todayText={formatUkDate(now)}
        openedText={formatUkDate(kase.openedOn)}
      >
        <ErrorSummary errors={asked.error ? [{ field: "start", message: asked.error }] : []} />
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">
          The window starts on the date of the parents&apos; meeting or the warning letter and runs for a set number of
          school weeks on the authority&apos;s term calendar, so holidays do not count.
        </p>
        <h2 className="govuk-heading-m">The window&apos;s dates</h2>
        {preview?.ok ? (
          <>
            <SummaryList
              rows={[
                { key: "Start", value: formatUkDate(preview.plan.start) },
                ...(preview.plan.countsFrom !== preview.plan.start
                  ? [
                      {
                        key: "Counted from",
                        value: `${formatUkDate(preview.plan.countsFrom)} (the start falls in a holiday)`,
                      },
                    ]
                  : []),
                { key: "Length", value: `${preview.lengthWeeks} school weeks` },
                { key: "End", value: formatUkDate(preview.plan.end) },
              ]}
            />
            <MilestonesTable
              plan={preview.plan}
              today={now}
              caption={`Milestones if the window starts on ${formatUkDate(preview.plan.start)}`}
            />
          </>
        ) : (
          <p className="govuk-body">
            {preview ? preview.message : "Enter a real start date to see the window's dates."}
          </p>
        )}
        <form method="get" className="govuk-!-margin-bottom-8" noValidate>
          <DateInput
            id="start"
            legend="See the dates for another start date"
            hint={dateHint(now)}
            defaultValue={asked.typed ? undefined : start}
            defaultParts={asked.typed}
            error={asked.error}
          />
          <Button secondary>Show the dates</Button>
        </form>
        <h2 className="govuk-heading-m">Start the window</h2>
      </StartWindowForm>
    </CaseFormPage>
  );
}
