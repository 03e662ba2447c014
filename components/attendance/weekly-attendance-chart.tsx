// The pupil's attendance week by week, drawn on the server above the register grid (issue 13), with the same
// figures in a table below. Counted from the grid's marks as every attendance figure is: present or approved
// activity over possible sessions; a week with no possible session is a gap.
import { ChartFigure } from "@/components/charts/chart-figure";
import { lineChart } from "@/components/charts/render-chart";
import {
  countCategory,
  emptyCounts,
  PERSISTENT_ABSENCE_THRESHOLD,
  roundedPercent,
} from "@/lib/domain/attendance-rates";
import { addDays, formatUkDate } from "@/lib/domain/dates";
import type { GridWeek } from "./register-grid";

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

export function WeeklyAttendanceChart({
  weeks,
  pupilName,
  academicYear,
}: {
  weeks: GridWeek[];
  pupilName: string;
  academicYear: string;
}) {
  const rows = [...weeks]
    .sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1))
    .map((w) => {
      let counts = emptyCounts();
      for (const d of w.days) for (const m of [d.am, d.pm]) if (m) counts = countCategory(counts, m.category);
      const attended = counts.present + counts.approvedActivity;
      return {
        monday: w.weekStart,
        possible: counts.possible,
        attended,
        unauthorised: counts.unauthorised,
        rate: counts.possible > 0 ? roundedPercent(attended, counts.possible) : null,
      };
    });
  if (rows.length === 0) return null;
  const first = rows[0]!.monday;
  const last = rows[rows.length - 1]!.monday;
  const byMonday = new Map(rows.map((r) => [r.monday, r.rate]));
  const points: { x: Date; y: number | null }[] = [];
  for (let m = first; m <= last; m = addDays(m, 7)) points.push({ x: utc(m), y: byMonday.get(m) ?? null });
  const rates = rows.map((r) => r.rate).filter((r): r is number => r !== null);
  const below = rows.filter((r) => r.rate !== null && r.rate < 100 - PERSISTENT_ABSENCE_THRESHOLD).length;
  const latest = rows[rows.length - 1]!;
  const summary =
    rates.length === 0
      ? "No possible sessions have been recorded."
      : `${rows.length} weeks with marks: attendance from ${Math.min(...rates).toFixed(1)}% to ${Math.max(...rates).toFixed(1)}% a week, ${below} ${below === 1 ? "week" : "weeks"} below ${100 - PERSISTENT_ABSENCE_THRESHOLD}%. The latest week (from ${formatUkDate(latest.monday)}): ${latest.rate === null ? "no possible sessions" : `${latest.rate.toFixed(1)}%`}.`;
  const low = rates.length ? Math.max(0, Math.floor(Math.min(...rates) / 10) * 10) : 0;
  return (
    <ChartFigure
      id="pupil-weekly"
      headingLevel={2}
      title="Attendance week by week"
      summary={`${pupilName}'s attendance in each week of ${academicYear}. ${summary}`}
      chart={lineChart(
        { id: "pupil-weekly-chart", title: `${pupilName}: attendance week by week`, description: summary },
        {
          series: [{ label: `${pupilName}, ${academicYear}`, points }],
          references: [
            {
              label: `${100 - PERSISTENT_ABSENCE_THRESHOLD}%: below this over the year is persistent absence`,
              y: 100 - PERSISTENT_ABSENCE_THRESHOLD,
            },
          ],
          xLabel: "Week beginning",
          yLabel: "Attendance (%)",
          xTicks: "month",
          yDomain: [Math.min(low, 80), 100],
          height: 260,
        },
      )}
      table={{
        headers: ["Week beginning", "Possible sessions", "Attended", "Unauthorised", "Attendance"],
        rows: [...rows].reverse().map((r) => ({
          key: r.monday,
          label: formatUkDate(r.monday),
          values: [r.possible, r.attended, r.unauthorised, r.rate === null ? "–" : `${r.rate.toFixed(1)}%`],
        })),
        caption: "The figures in the chart, latest week first",
      }}
    />
  );
}
