// The manager's home: the authority's attendance and enforcement at a glance, as charts drawn on the server with the
// same figures in a table below each (components/charts). Data: getDashboard; powers unused: countUnusedPowers.
import Link from "next/link";
import { ChartFigure } from "@/components/charts/chart-figure";
import { barChart, lineChart, type LineSeries } from "@/components/charts/render-chart";
import { yieldText } from "@/components/sweeps/format";
import { formatUkDate } from "@/lib/domain/dates";
import type { Actor } from "@/lib/server/auth";
import { getDashboard, type Dashboard, type WeekPoint } from "@/lib/server/statistics/get-dashboard";
import { UnusedPowersList } from "@/components/statistics/unused-powers-list";
import { countUnusedPowers } from "@/lib/server/statistics/find-unused-powers";
import { getQueueSummary } from "@/lib/server/home/get-queue-summary";
import { HomeQueueCounts } from "@/components/queues/home-queue-counts";

const pct = (v: number | null) => (v === null ? "No sessions" : `${v.toFixed(1)}%`);
const MONTH = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** Week-by-week values of two years, joined on the week of the year. */
function weekRows(a: readonly WeekPoint[], b: readonly WeekPoint[], value: (p: WeekPoint) => number | null) {
  const weeks = [...new Set([...a, ...b].map((p) => p.week))].sort((x, y) => x - y);
  return weeks.map((week) => {
    const pa = a.find((p) => p.week === week);
    const pb = b.find((p) => p.week === week);
    return {
      key: String(week),
      label: `Week ${week}`,
      values: [
        pa ? `${pct(value(pa))} (w/c ${formatUkDate(pa.monday)})` : "No sessions",
        pb ? `${pct(value(pb))} (w/c ${formatUkDate(pb.monday)})` : "No sessions",
      ],
    };
  });
}

function range(points: readonly WeekPoint[], value: (p: WeekPoint) => number | null): string {
  const values = points.map(value).filter((v): v is number => v !== null);
  if (values.length === 0) return "There are no register marks yet.";
  const latest = points[points.length - 1]!;
  return `From ${Math.min(...values).toFixed(1)}% to ${Math.max(...values).toFixed(1)}% a week; the latest week (week ${latest.week}, from ${formatUkDate(latest.monday)}) was ${pct(value(latest))}.`;
}

/** A series by week of the year; weeks without sessions (holidays) are gaps, so the line is not drawn across them. */
function line(label: string, points: readonly WeekPoint[], value: (p: WeekPoint) => number | null): LineSeries {
  const byWeek = new Map(points.map((p) => [p.week, value(p)]));
  const weeks = points.map((p) => p.week);
  const out: { x: number; y: number | null }[] = [];
  if (weeks.length > 0) {
    for (let w = Math.min(...weeks); w <= Math.max(...weeks); w++) out.push({ x: w, y: byWeek.get(w) ?? null });
  }
  return { label, points: out };
}

function WeeklyCharts({ d }: { d: Dashboard }) {
  const att = (p: WeekPoint) => p.attendance;
  const unauth = (p: WeekPoint) => p.unauthorised;
  const thisLabel = `This year (${d.label})`;
  const lastLabel = `Last year (${d.lastLabel})`;
  const national = d.national.thisYear;
  const allAttendance = [...d.weekly.thisYear, ...d.weekly.lastYear].map(att).filter((v): v is number => v !== null);
  const low = allAttendance.length ? Math.max(0, Math.floor(Math.min(...allAttendance) / 5) * 5 - 5) : 80;
  return (
    <>
      <ChartFigure
        id="weekly-attendance"
        title="Attendance week by week"
        summary={`The percentage of possible sessions attended in each week of the academic year, this year against last. This year: ${range(d.weekly.thisYear, att)} No national weekly attendance figure is recorded.`}
        chart={lineChart(
          {
            id: "weekly-attendance-chart",
            title: "Attendance week by week",
            description: range(d.weekly.thisYear, att),
          },
          {
            series: [line(thisLabel, d.weekly.thisYear, att), line(lastLabel, d.weekly.lastYear, att)],
            xLabel: "Week of the academic year",
            yLabel: "Attendance (%)",
            xType: "linear",
            xTicks: "week",
            yDomain: [low, 100],
          },
        )}
        table={{
          headers: ["Week", thisLabel, lastLabel],
          rows: weekRows(d.weekly.thisYear, d.weekly.lastYear, att),
        }}
      />
      <ChartFigure
        id="weekly-unauthorised"
        title="Unauthorised absence week by week"
        summary={`The percentage of possible sessions missed without authorisation in each week, this year against last${national ? `, with the national figure for the year (${national.rate.toFixed(2)}%, ${national.label})` : ""}. This year: ${range(d.weekly.thisYear, unauth)}`}
        chart={lineChart(
          {
            id: "weekly-unauthorised-chart",
            title: "Unauthorised absence week by week",
            description: range(d.weekly.thisYear, unauth),
          },
          {
            series: [line(thisLabel, d.weekly.thisYear, unauth), line(lastLabel, d.weekly.lastYear, unauth)],
            references: national
              ? [{ label: `National: ${national.label} (${national.rate.toFixed(2)}%)`, y: national.rate }]
              : [],
            xLabel: "Week of the academic year",
            yLabel: "Unauthorised absence (%)",
            xType: "linear",
            xTicks: "week",
          },
        )}
        table={{
          headers: ["Week", thisLabel, lastLabel],
          rows: weekRows(d.weekly.thisYear, d.weekly.lastYear, unauth),
        }}
      />
    </>
  );
}

function TargetChart({ d }: { d: Dashboard }) {
  const latest = d.cumulative[d.cumulative.length - 1];
  const refs = [
    ...(d.target ? [{ label: `Target: ${d.target.label} (${d.target.rate.toFixed(2)}%)`, y: d.target.rate }] : []),
    ...(d.national.thisYear
      ? [
          {
            label: `National: ${d.national.thisYear.label} (${d.national.thisYear.rate.toFixed(2)}%)`,
            y: d.national.thisYear.rate,
          },
        ]
      : []),
  ];
  const verdict = !latest
    ? "There are no register marks this year yet."
    : d.target
      ? `The year to date stands at ${latest.unauthorised.toFixed(1)}%, ${latest.unauthorised <= d.target.rate ? "within" : "above"} the target of ${d.target.rate.toFixed(2)}%.`
      : `The year to date stands at ${latest.unauthorised.toFixed(1)}%. No target is recorded for ${d.label}: an administrator can add one under Comparisons.`;
  return (
    <ChartFigure
      id="target"
      title="Unauthorised absence this year against the target"
      summary={`The authority's unauthorised absence rate for the year to date, week by week. ${verdict}`}
      chart={lineChart(
        { id: "target-chart", title: "Unauthorised absence this year against the target", description: verdict },
        {
          series: [
            {
              label: `Year to date (${d.label})`,
              points: d.cumulative.map((p) => ({ x: p.week, y: p.unauthorised })),
            },
          ],
          references: refs,
          xLabel: "Week of the academic year",
          yLabel: "Unauthorised absence, year to date (%)",
          xType: "linear",
          xTicks: "week",
        },
      )}
      table={{
        headers: ["Week", "Year to date"],
        rows: d.cumulative.map((p) => ({
          key: String(p.week),
          label: `Week ${p.week} (from ${formatUkDate(p.monday)})`,
          values: [pct(p.unauthorised)],
        })),
      }}
    />
  );
}

function AcademiesChart({ d }: { d: Dashboard }) {
  const unauth = (p: WeekPoint) => p.unauthorised;
  const mean = (points: readonly WeekPoint[]) => {
    const possible = points.reduce((a, p) => a + p.possible, 0);
    const missed = points.reduce((a, p) => a + ((p.unauthorised ?? 0) * p.possible) / 100, 0);
    return possible > 0 ? (100 * missed) / possible : null;
  };
  const a = mean(d.weekly.academies);
  const o = mean(d.weekly.others);
  const summary =
    a !== null && o !== null
      ? `Over the year so far, academies ${a.toFixed(1)}% and other schools ${o.toFixed(1)}% of possible sessions missed without authorisation${o > 0 ? ` (${(a / o).toFixed(1)} times as high)` : ""}.`
      : "There are not enough register marks to compare academies with other schools yet.";
  return (
    <ChartFigure
      id="academies"
      title="Academies and other schools"
      summary={`Unauthorised absence week by week this year, academies against the authority's other schools. ${summary}`}
      chart={lineChart(
        { id: "academies-chart", title: "Academies and other schools", description: summary },
        {
          series: [line("Academies", d.weekly.academies, unauth), line("Other schools", d.weekly.others, unauth)],
          xLabel: "Week of the academic year",
          yLabel: "Unauthorised absence (%)",
          xType: "linear",
          xTicks: "week",
        },
      )}
      table={{
        headers: ["Week", "Academies", "Other schools"],
        rows: weekRows(d.weekly.academies, d.weekly.others, unauth),
      }}
    />
  );
}

function FunnelChart({ d }: { d: Dashboard }) {
  const days = (v: number | null) => (v === null ? "–" : `${v} ${v === 1 ? "day" : "days"}`);
  const summary = d.funnel.map((s) => `${s.label.toLowerCase()} ${s.count}`).join(", ");
  return (
    <ChartFigure
      id="funnel"
      title={`Enforcement this year (${d.label})`}
      summary={`How far casework went this academic year, stage by stage, with the median days from the stage before: ${summary}.`}
      chart={barChart(
        { id: "funnel-chart", title: `Enforcement this year (${d.label})`, description: summary },
        {
          categories: d.funnel.map((s) => s.label),
          series: [{ label: "This year", values: d.funnel.map((s) => s.count) }],
          valueLabel: "Number this academic year",
          orientation: "horizontal",
        },
      )}
      table={{
        headers: ["Stage", "Number", "Median days from the stage before"],
        rows: d.funnel.map((s, i) => ({
          key: s.stage,
          label: s.label,
          values: [s.count, i === 0 ? "First stage" : `${days(s.medianDays)}${s.pairs ? ` (${s.pairs})` : ""}`],
        })),
      }}
    />
  );
}

function SweepsChart({ d }: { d: Dashboard }) {
  const y = d.sweepsYear.yield;
  const summary =
    y.stopped === 0
      ? "No sweeps have been recorded this academic year."
      : `${d.sweepsYear.totals.sweeps} sweeps this year stopped ${y.stopped} children, ${y.truants} without a valid reason: ${yieldText(y, "stoppedPerPoliceHour")} stopped per police hour and ${yieldText(y, "policeMinutesPerTruant")} police minutes per truant (the 2005 press figure: 2.0 and 80.0).`;
  return (
    <ChartFigure
      id="sweeps"
      title="Truancy sweeps by month"
      summary={summary}
      chart={barChart(
        { id: "sweeps-chart", title: "Truancy sweeps by month", description: summary },
        {
          categories: d.sweepsByMonth.map((m) =>
            new Date(`${m.month}-01T00:00:00Z`).toLocaleDateString("en-GB", { month: "short", timeZone: "UTC" }),
          ),
          series: [
            { label: "Children stopped", values: d.sweepsByMonth.map((m) => m.totals.stopped) },
            { label: "Without a valid reason", values: d.sweepsByMonth.map((m) => m.totals.truants) },
          ],
          valueLabel: "Children",
          orientation: "vertical",
        },
      )}
      table={{
        headers: [
          "Month",
          "Sweeps",
          "Children stopped",
          "Without a valid reason",
          "Stopped per police hour",
          "Police minutes per truant",
        ],
        rows: d.sweepsByMonth.map((m) => ({
          key: m.month,
          label: MONTH(m.month),
          values: [
            m.totals.sweeps,
            m.totals.stopped,
            m.totals.truants,
            yieldText(m.yield, "stoppedPerPoliceHour"),
            yieldText(m.yield, "policeMinutesPerTruant"),
          ],
        })),
      }}
    />
  );
}

export async function ManagerDashboard({ actor }: { actor: Actor }) {
  const [d, powers, queues] = await Promise.all([
    getDashboard(actor),
    countUnusedPowers(actor),
    getQueueSummary(actor),
  ]);
  return (
    <>
      <span className="govuk-caption-l">Dashboard, {actor.authorityName}</span>
      <h1 className="govuk-heading-l">Welcome, {actor.name}</h1>
      {queues && <HomeQueueCounts counts={queues} isOfficer={false} />}
      <p className="govuk-body">
        The charts show {d.label} up to {formatUkDate(d.today)}, from the registers received.{" "}
        <Link className="govuk-link" href="/statistics">
          Statistics and the parental responsibility return
        </Link>
      </p>
      <UnusedPowersList counts={powers} />
      <h2 className="govuk-heading-m">Attendance</h2>
      <WeeklyCharts d={d} />
      <TargetChart d={d} />
      <AcademiesChart d={d} />
      <h2 className="govuk-heading-m">Enforcement</h2>
      <FunnelChart d={d} />
      <SweepsChart d={d} />
    </>
  );
}
