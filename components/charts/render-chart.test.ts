import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import {
  barChart,
  DATE_TICK,
  lineChart,
  MONTH_TICK,
  REFERENCE_COLOURS,
  SERIES_COLOURS,
  SERIES_DASHES,
  WHOLE_NUMBER,
} from "./render-chart";

const parse = (svg: string) => {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${svg}</body></html>`);
  return document.querySelector("svg")!;
};

describe("charts drawn on the server", () => {
  const line = lineChart(
    { id: "weekly", title: "Attendance week by week", description: "From 91.4% to 95.3% a week." },
    {
      series: [
        {
          label: "2026/27",
          points: [
            { x: 1, y: 95 },
            { x: 2, y: null },
            { x: 3, y: 93.5 },
          ],
        },
        {
          label: "2025/26",
          points: [
            { x: 1, y: 96 },
            { x: 2, y: 94 },
          ],
        },
      ],
      references: [{ label: "National", y: 92 }],
      xLabel: "Week of the academic year",
      yLabel: "Attendance (%)",
      xType: "linear",
      xTicks: "week",
      yDomain: [80, 100],
    },
  );

  it("is an accessible SVG: role img, labelled by its title and described by its desc", () => {
    const svg = parse(line.svg);
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-labelledby")).toBe("weekly-title");
    expect(svg.getAttribute("aria-describedby")).toBe("weekly-desc");
    expect(svg.querySelector("title")!.getAttribute("id")).toBe("weekly-title");
    expect(svg.querySelector("title")!.textContent).toBe("Attendance week by week");
    expect(svg.querySelector("desc")!.textContent).toBe("From 91.4% to 95.3% a week.");
    expect(svg.firstElementChild!.tagName.toLowerCase()).toBe("title");
    // One image, one name: no ARIA labels left on the inner groups (they have no role).
    expect(line.svg).not.toMatch(/aria-label=|aria-description=/);
  });

  it("carries no inline stylesheet or style attribute (the page's CSS styles it, under a strict CSP)", () => {
    expect(line.svg).not.toMatch(/<style|style="/);
    expect(parse(line.svg).getAttribute("class")).toBe("app-chart__svg");
  });

  it("draws each series in a GOV.UK colour with its own dash pattern, and the reference line dashed", () => {
    const paths = [...parse(line.svg).querySelectorAll("path")].map((p) => ({
      stroke: p.getAttribute("stroke") ?? p.parentElement?.getAttribute("stroke"),
      dash: p.getAttribute("stroke-dasharray") ?? p.parentElement?.getAttribute("stroke-dasharray"),
    }));
    expect(paths).toContainEqual({ stroke: SERIES_COLOURS[0], dash: null });
    expect(paths).toContainEqual({ stroke: SERIES_COLOURS[1], dash: SERIES_DASHES[1] });
    expect(line.svg).toContain(`stroke="${REFERENCE_COLOURS[0]}"`);
    expect(line.legend).toEqual([
      { label: "2026/27", colour: SERIES_COLOURS[0], dash: "", kind: "line" },
      { label: "2025/26", colour: SERIES_COLOURS[1], dash: SERIES_DASHES[1], kind: "line" },
      { label: "National", colour: REFERENCE_COLOURS[0], dash: "5 4", kind: "rule" },
    ]);
  });

  it("labels the axes and ticks the weeks in whole numbers", () => {
    const text = [...parse(line.svg).querySelectorAll("text")].map((t) => t.textContent);
    expect(text).toContain("Week of the academic year");
    expect(text).toContain("Attendance (%)");
    expect(text).toEqual(expect.arrayContaining(["1", "2", "3"]));
    expect(text).not.toContain("1.5");
  });

  it("draws a vertical line (a window's end) and names it in the key", () => {
    const chart = lineChart(
      { id: "case", title: "Progress", description: "d" },
      {
        series: [{ label: "Attendance", points: [{ x: new Date("2026-10-05T00:00:00Z"), y: 90 }] }],
        verticals: [{ label: "Window ends (18 December 2026)", x: new Date("2026-12-18T00:00:00Z") }],
        xLabel: "Week beginning",
        yLabel: "Attendance (%)",
        xDomain: [new Date("2026-10-05T00:00:00Z"), new Date("2026-12-18T00:00:00Z")],
        xTicks: "date",
      },
    );
    expect(chart.legend.map((l) => l.label)).toEqual(["Attendance", "Window ends (18 December 2026)"]);
    expect(chart.svg).toContain(`stroke="${REFERENCE_COLOURS[0]}"`);
  });

  it("writes each bar's value on the bar", () => {
    const bars = barChart(
      { id: "funnel", title: "Enforcement", description: "Flags 12, cases 7." },
      {
        categories: ["Flags raised", "Cases opened"],
        series: [{ label: "This year", values: [12, 7] }],
        valueLabel: "Number",
        orientation: "horizontal",
      },
    );
    const svg = parse(bars.svg);
    expect(svg.querySelectorAll("rect")).toHaveLength(2);
    const text = [...svg.querySelectorAll("text")].map((t) => t.textContent);
    expect(text).toEqual(expect.arrayContaining(["Flags raised", "Cases opened", "12", "7"]));
    // One series: no key needed.
    expect(bars.legend).toEqual([]);
  });

  it("draws grouped bars with a key, and leaves out a missing value rather than drawing 0", () => {
    const bars = barChart(
      { id: "sweeps", title: "Sweeps by month", description: "d" },
      {
        categories: ["Sep", "Oct"],
        series: [
          { label: "Stopped", values: [10, 5] },
          { label: "Without a valid reason", values: [3, null] },
        ],
        valueLabel: "Children",
        orientation: "vertical",
      },
    );
    expect(parse(bars.svg).querySelectorAll("rect")).toHaveLength(3);
    expect(bars.legend.map((l) => l.label)).toEqual(["Stopped", "Without a valid reason"]);
  });
  it("names each month once on a weekly time axis", () => {
    const weeks = ["2026-08-31", "2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05", "2026-10-12"];
    const { svg } = lineChart(
      { id: "pupil", title: "Attendance week by week", description: "d" },
      {
        series: [{ label: "Pupil", points: weeks.map((w) => ({ x: new Date(`${w}T00:00:00Z`), y: 95 })) }],
        xLabel: "Week beginning",
        yLabel: "Attendance (%)",
        xTicks: "month",
        yDomain: [80, 100],
      },
    );
    const labels = [...parse(svg).querySelectorAll("g[aria-label='x-axis tick label'] text, text")]
      .map((t) => t.textContent)
      .filter((t) => ["Aug", "Sept", "Oct"].includes(t ?? ""));
    expect(labels).toEqual(["Sept", "Oct"]);
  });

  it("draws the same chart for the same text and data, and a new one when either changes", () => {
    const weekly = (y: number, title = "Attendance") =>
      lineChart(
        { id: "again", title, description: "d" },
        {
          series: [{ label: "Pupil", points: [0, 7, 14].map((d) => ({ x: new Date(Date.UTC(2026, 8, 7 + d)), y })) }],
          xLabel: "Week beginning",
          yLabel: "Attendance (%)",
          xTicks: "date",
          yDomain: [80, 100],
        },
      );
    const first = weekly(95);
    first.legend[0]!.label = "changed by a caller";
    const again = weekly(95);
    expect(again.svg).toBe(first.svg);
    expect(again.legend[0]!.label).toBe("Pupil");
    expect(weekly(90).svg).not.toBe(first.svg);
    expect(weekly(95, "Other title").svg).toContain("Other title");
    expect(weekly(95, "Other title").svg).not.toBe(first.svg);
  });
  it("formats ticks and values as toLocaleDateString and toLocaleString do", () => {
    for (let day = 0; day < 400; day += 3) {
      const d = new Date(Date.UTC(2025, 7, 1 + day));
      expect(DATE_TICK.format(d)).toBe(
        d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }),
      );
      expect(MONTH_TICK.format(d)).toBe(d.toLocaleDateString("en-GB", { month: "short", timeZone: "UTC" }));
    }
    for (const n of [0, 7, 1234, 98765.5, -3]) expect(WHOLE_NUMBER.format(n)).toBe(n.toLocaleString("en-GB"));
  });
});
