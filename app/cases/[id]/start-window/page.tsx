import { CaseFormPage } from "@/components/cases/case-form-page";
import { MilestonesTable } from "@/components/cases/window-panel";
import { Button, TextInput } from "@/components/govuk/fields";
import { SummaryList } from "@/components/govuk/summary-list";
import { DEFAULT_TARGET } from "@/lib/domain/case-target";
import { formatUkDate, isIsoDate } from "@/lib/domain/dates";
import { WINDOW_ALREADY_STARTED } from "@/lib/domain/case-state";
import { today } from "@/lib/env";
import { requirePermission } from "@/lib/server/auth";
import { askReasonFirst } from "@/lib/server/cases/access-reason";
import { getCaseForChange } from "@/lib/server/cases/get-case-for-change";
import { orNotFound } from "@/lib/server/not-found";
import { previewWindow } from "@/lib/server/cases/preview-window";
import { StartWindowForm } from "./start-window-form";

export const metadata = { title: "Start the Fast Track window" };

/**
 * Starts the window. The end date and milestones are never typed: "Show the dates" plans them from the term
 * calendar for the date entered (`?start=`), exactly as starting the window will.
 */
export default async function StartWindowPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ start?: string | string[] }>;
}) {
  const actor = await requirePermission("case.manage");
  await askReasonFirst(actor, (await params).id, "start-window"); // a manager on another officer's case says why first
  const { kase, refused, pupilName } = await orNotFound(getCaseForChange(actor, (await params).id));
  const now = today();
  const asked = (await searchParams).start;
  const start = typeof asked === "string" && asked.trim() !== "" ? asked.trim() : now;
  const preview = await previewWindow(actor, { caseId: kase.id, startDate: start });
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
        startDate={isIsoDate(start) ? start : ""}
        caseOpenedOn={kase.openedOn}
        today={now}
        defaultMinAttendancePct={
          DEFAULT_TARGET.minAttendancePct === null ? "" : String(DEFAULT_TARGET.minAttendancePct)
        }
        todayText={formatUkDate(now)}
        openedText={formatUkDate(kase.openedOn)}
      >
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">
          The window starts on the date of the parents&apos; meeting or the warning letter and runs for a set number of
          school weeks on the authority&apos;s term calendar, so holidays do not count.
        </p>
        <h2 className="govuk-heading-m">The window&apos;s dates</h2>
        {preview.ok ? (
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
            {isIsoDate(start)
              ? preview.message
              : "Enter the start date as a real date, for example 2026-03-02, to see the window's dates."}
          </p>
        )}
        <form method="get" className="govuk-!-margin-bottom-8">
          <TextInput
            id="preview-start"
            name="start"
            label="See the dates for another start date"
            labelClass="govuk-label--s"
            hint="As YYYY-MM-DD"
            className="govuk-input--width-10"
            spellCheck={false}
            autoComplete="off"
            defaultValue={start}
          />
          <Button secondary>Show the dates</Button>
        </form>
        <h2 className="govuk-heading-m">Start the window</h2>
      </StartWindowForm>
    </CaseFormPage>
  );
}
