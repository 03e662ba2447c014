// The case page's chart of progress against the target across the Fast Track window (issue 13): the running
// attendance rate (and the running count of unauthorised sessions, where the target limits them) week by week, with
// the target and the window's end, drawn on the server with the figures in a table below.
import { ChartFigure } from "@/components/charts/chart-figure";
import { lineChart } from "@/components/charts/render-chart";
import { addDays, formatUkDate, mondayOf } from "@/lib/domain/dates";
import { getActor } from "@/lib/server/auth";
import { findWindowWeeks } from "@/lib/server/cases/find-window-weeks";

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function CaseProgressChart({ caseId }: { caseId: string }) {
  const actor = await getActor();
  if (!actor) return null;
  const w = await findWindowWeeks(actor, caseId);
  if (!w) return null;
  const latest = w.weeks[w.weeks.length - 1];
  const { minAttendancePct: min, maxUnauthorisedSessions: max } = w.target;
  // Every Monday from the window's start to the last week with marks: a week without sessions is a gap.
  const mondays: string[] = [];
  for (let m = mondayOf(w.start); m <= (latest?.monday ?? w.start); m = addDays(m, 7)) mondays.push(m);
  const byMonday = new Map(w.weeks.map((x) => [x.monday, x]));
  const domain: [Date, Date] = [utc(mondayOf(w.start)), utc(w.end)];
  const ends = { label: `Window ends (${formatUkDate(w.end)})`, x: utc(w.end) };
  const summary = !latest
    ? "No register marks have been received for the window yet."
    : `Up to the week of ${formatUkDate(latest.monday)}: attendance ${latest.cumulativeAttendance === null ? "not known" : `${latest.cumulativeAttendance.toFixed(1)}%`}${min !== null ? ` against a target of at least ${min}%` : ""}, ${latest.cumulativeUnauthorised} unauthorised ${latest.cumulativeUnauthorised === 1 ? "session" : "sessions"}${max !== null ? ` against a limit of ${max}` : ""}.`;
  const rows = w.weeks.map((x) => ({
    key: x.monday,
    label: formatUkDate(x.monday),
    values: [
      x.possible,
      x.attended,
      x.unauthorised,
      x.cumulativeAttendance === null ? "–" : `${x.cumulativeAttendance.toFixed(1)}%`,
      x.cumulativeUnauthorised,
    ],
  }));
  return (
    <>
      <ChartFigure
        id="case-progress"
        title="Progress against the target, week by week"
        summary={`Attendance over the window so far, week by week. ${summary}`}
        chart={lineChart(
          { id: "case-progress-chart", title: "Attendance over the window so far", description: summary },
          {
            series: [
              {
                label: "Attendance since the window started",
                points: mondays.map((m) => ({ x: utc(m), y: byMonday.get(m)?.cumulativeAttendance ?? null })),
              },
            ],
            references: min !== null ? [{ label: `Target: at least ${min}%`, y: min }] : [],
            verticals: [ends],
            xLabel: "Week beginning",
            yLabel: "Attendance (%)",
            xDomain: domain,
            xTicks: "date",
            yDomain: [
              Math.max(0, Math.min(min ?? 100, ...w.weeks.map((x) => x.cumulativeAttendance ?? 100)) - 10),
              100,
            ],
            height: 260,
          },
        )}
        table={{
          headers: [
            "Week beginning",
            "Possible",
            "Attended",
            "Unauthorised",
            "Attendance so far",
            "Unauthorised so far",
          ],
          rows,
        }}
      />
      {max !== null && (
        <ChartFigure
          id="case-unauthorised"
          title="Unauthorised sessions against the limit"
          summary={`Unauthorised sessions since the window started, against the target's limit of ${max}.`}
          chart={lineChart(
            {
              id: "case-unauthorised-chart",
              title: "Unauthorised sessions against the limit",
              description: summary,
            },
            {
              series: [
                {
                  label: "Unauthorised sessions since the window started",
                  points: mondays.map((m) => ({ x: utc(m), y: byMonday.get(m)?.cumulativeUnauthorised ?? null })),
                },
              ],
              references: [{ label: `Limit: ${max} ${max === 1 ? "session" : "sessions"}`, y: max }],
              verticals: [ends],
              xLabel: "Week beginning",
              yLabel: "Unauthorised sessions",
              xDomain: domain,
              xTicks: "date",
              height: 240,
            },
          )}
          table={{
            headers: ["Week beginning", "Unauthorised that week", "Unauthorised so far"],
            rows: w.weeks.map((x) => ({
              key: x.monday,
              label: formatUkDate(x.monday),
              values: [x.unauthorised, x.cumulativeUnauthorised],
            })),
          }}
        />
      )}
    </>
  );
}
