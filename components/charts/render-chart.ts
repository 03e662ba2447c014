// Charts drawn on the server as SVG with Observable Plot (docs/decisions/041-charts-on-the-server.md). Plot builds its
// SVG with whatever DOM it is given: here linkedom's, so nothing runs in the browser and the chart is in the page's
// HTML (it works without JavaScript, prints, and a screen reader finds it). Each chart gets a <title> and a <desc>
// inside the SVG, role="img", and GOV.UK colours with a dash pattern per series, so no series is told apart by colour
// alone. Plot's own <style> element is dropped: the page's stylesheet styles the SVG (a strict Content Security
// Policy refuses inline styles, and print styles live in one place).
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

/** GOV.UK Frontend palette colours with at least 3:1 contrast on white (WCAG 1.4.11), one per series. */
export const SERIES_COLOURS = ["#1d70b8", "#b7592a", "#54319f", "#158187", "#98285d", "#0f7a52"] as const;
/** Stroke dash patterns, one per series, so the series differ in shape as well as colour (and in greyscale print). */
export const SERIES_DASHES = ["", "6 3", "2 3", "10 3 2 3", "1 2", "4 4"] as const;
/** Reference lines (the national figure, a target): dark grey and red, dashed. */
export const REFERENCE_COLOURS = ["#484949", "#ca3535", "#0b5c3e"] as const;
export const REFERENCE_DASH = "5 4";
/** Dot symbols per series on line charts. */
const SYMBOLS = ["circle", "square", "triangle", "diamond", "cross", "star"] as const;

export type LegendEntry = { label: string; colour: string; dash: string; kind: "line" | "bar" | "rule" };

export type ChartText = {
  /** Unique on the page: the ids of the <title> and <desc> are built from it. */
  id: string;
  title: string;
  description: string;
};

export type Rendered = { svg: string; legend: LegendEntry[] };

const WIDTH = 640;

// One formatter each, made once: `toLocaleDateString` and `toLocaleString` build a new Intl formatter on every call,
// which cost a case page view about as much as the rest of its chart (ADR 080). Same locale and options, same text.
export const MONTH_TICK = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" });
export const DATE_TICK = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
export const WHOLE_NUMBER = new Intl.NumberFormat("en-GB");

/** Plot's element → accessible SVG markup (title and desc first, role img, no inline stylesheet). */
function finish(element: Element, text: ChartText): string {
  const svg = element.tagName.toLowerCase() === "svg" ? element : element.querySelector("svg");
  if (!svg) throw new Error("Plot did not return an SVG");
  for (const style of [...svg.querySelectorAll("style")]) style.remove();
  // The SVG is one image with one name: Plot's labels on its inner groups would be ARIA on elements with no role.
  for (const el of [...svg.querySelectorAll("[aria-label], [aria-description]")]) {
    el.removeAttribute("aria-label");
    el.removeAttribute("aria-description");
  }
  const doc = svg.ownerDocument;
  const ns = "http://www.w3.org/2000/svg";
  const title = doc.createElementNS(ns, "title");
  title.setAttribute("id", `${text.id}-title`);
  title.textContent = text.title;
  const desc = doc.createElementNS(ns, "desc");
  desc.setAttribute("id", `${text.id}-desc`);
  desc.textContent = text.description;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, svg.firstChild);
  svg.setAttribute("xmlns", ns);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", `${text.id}-title`);
  svg.setAttribute("aria-describedby", `${text.id}-desc`);
  svg.setAttribute("focusable", "false");
  svg.removeAttribute("font-family");
  svg.removeAttribute("font-size");
  return svg.toString();
}

function plot(options: Plot.PlotOptions, text: ChartText): string {
  const { document } = parseHTML("<!DOCTYPE html><html><body></body></html>");
  const element = Plot.plot({
    ...options,
    document: document as unknown as Document,
    className: "app-chart__svg",
    figure: false,
    width: options.width ?? WIDTH,
  }) as unknown as Element;
  return finish(element, text);
}

/** Whole-number ticks for week numbers: every week up to 12 weeks, then every 2nd, 4th or 5th. */
function weekTicks(weeks: number[]): number[] {
  if (weeks.length === 0) return [];
  const lo = Math.min(...weeks);
  const hi = Math.max(...weeks);
  const span = hi - lo;
  const step = span <= 12 ? 1 : span <= 24 ? 2 : span <= 40 ? 4 : 5;
  const ticks: number[] = [];
  for (let w = Math.ceil(lo / step) * step || step; w <= hi; w += step) if (w >= lo) ticks.push(w);
  if (ticks[0] !== lo && step > 1 && lo % step !== 0 && ticks[0]! - lo > step / 2) ticks.unshift(lo);
  return ticks;
}

export type LinePoint = { x: Date | number; y: number | null };
export type LineSeries = { label: string; points: readonly LinePoint[] };
export type ReferenceLine = { label: string; y: number };

export type LineChartOptions = {
  series: readonly LineSeries[];
  references?: readonly ReferenceLine[];
  xLabel: string;
  yLabel: string;
  yDomain?: [number, number];
  xType?: "utc" | "linear";
  height?: number;
  /** Tick format for x: "week" for week numbers, "month" for dates shown as months. */
  xTicks?: "week" | "month" | "date";
  /** The x extent to draw, when it should reach beyond the data (a window's end still to come). */
  xDomain?: [Date, Date] | [number, number];
  /** Vertical reference lines, labelled in the key (the day a window ends). */
  verticals?: readonly { label: string; x: Date | number }[];
};

/** Line charts drawn lately, by their text and data (JSON): the most recently used LINE_CHARTS_KEPT. */
const drawnLineCharts = new Map<string, Rendered>();
const LINE_CHARTS_KEPT = 256;

/**
 * Lines over time (or over a number such as the week of the year), with optional horizontal reference lines
 * labelled at their right end. A null y leaves a gap (no data that week).
 *
 * A pure function of its arguments, which are plain data: the same text and data give the same SVG, so a chart
 * drawn lately is not drawn again (drawing one with Plot costs about 5 ms of CPU; a case page draws one or two on
 * every view, and its data changes when the case's register marks do). The kept charts are a bounded cache of
 * output, not state: a miss draws the same chart (ADR 080).
 */
export function lineChart(text: ChartText, options: LineChartOptions): Rendered {
  const key = JSON.stringify([text, options]);
  let drawn = drawnLineCharts.get(key);
  if (drawn) drawnLineCharts.delete(key);
  else drawn = drawLineChart(text, options);
  drawnLineCharts.set(key, drawn);
  if (drawnLineCharts.size > LINE_CHARTS_KEPT) drawnLineCharts.delete(drawnLineCharts.keys().next().value!);
  return { svg: drawn.svg, legend: drawn.legend.map((entry) => ({ ...entry })) };
}

function drawLineChart(text: ChartText, options: LineChartOptions): Rendered {
  const data = options.series.flatMap((s, i) =>
    s.points.map((p) => ({ series: i, x: p.x, y: p.y === null ? NaN : p.y })),
  );
  const references = options.references ?? [];
  const marks: Plot.Markish[] = [Plot.gridY({ stroke: "#b1b4b6", strokeOpacity: 0.6 })];
  references.forEach((r, i) => {
    marks.push(
      Plot.ruleY([r.y], {
        stroke: REFERENCE_COLOURS[i % REFERENCE_COLOURS.length],
        strokeDasharray: REFERENCE_DASH,
        strokeWidth: 2,
      }),
    );
  });
  const verticals = options.verticals ?? [];
  verticals.forEach((v, i) => {
    marks.push(
      Plot.ruleX([v.x], {
        stroke: REFERENCE_COLOURS[(references.length + i) % REFERENCE_COLOURS.length],
        strokeDasharray: REFERENCE_DASH,
        strokeWidth: 2,
      }),
    );
  });
  options.series.forEach((_, i) => {
    const own = data.filter((d) => d.series === i);
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length];
    marks.push(
      Plot.lineY(own, {
        x: "x",
        y: "y",
        stroke: colour,
        strokeWidth: 2.5,
        strokeDasharray: SERIES_DASHES[i % SERIES_DASHES.length] || undefined,
        curve: "linear",
      }),
      Plot.dot(
        own.filter((d) => !Number.isNaN(d.y)),
        { x: "x", y: "y", fill: colour, r: 2.5, symbol: () => SYMBOLS[i % SYMBOLS.length] },
      ),
    );
  });
  marks.push(Plot.ruleY(options.yDomain ? [options.yDomain[0]] : [0], { stroke: "#0b0c0c" }));
  // A null y is a week without sessions: the line breaks there rather than joining across the holiday.
  const tickFormat =
    options.xTicks === "month"
      ? (d: Date) => MONTH_TICK.format(d)
      : options.xTicks === "date"
        ? (d: Date) => DATE_TICK.format(d)
        : undefined;
  const svg = plot(
    {
      height: options.height ?? 300,
      marginLeft: 52,
      marginRight: 20,
      marginBottom: 40,
      marginTop: 24,
      x: {
        type: options.xType ?? "utc",
        ...(options.xDomain ? { domain: options.xDomain } : {}),
        label: options.xLabel,
        labelAnchor: "center",
        labelArrow: "none",
        ...(tickFormat ? { tickFormat } : {}),
        // One tick per month (at its first day), so a month's name is not repeated under each of its weeks.
        ...(options.xTicks === "month" ? { ticks: "month" } : {}),
        ...(options.xTicks === "week" ? { ticks: weekTicks(data.map((d) => Number(d.x))), tickFormat: "d" } : {}),
      },
      y: {
        label: options.yLabel,
        labelArrow: "none",
        ...(options.yDomain ? { domain: options.yDomain, nice: false } : { zero: true, nice: true }),
      },
      marks,
    },
    text,
  );
  return {
    svg,
    legend: [
      ...options.series.map((s, i): LegendEntry => ({
        label: s.label,
        colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
        dash: SERIES_DASHES[i % SERIES_DASHES.length]!,
        kind: "line",
      })),
      ...references.map((r, i): LegendEntry => ({
        label: r.label,
        colour: REFERENCE_COLOURS[i % REFERENCE_COLOURS.length]!,
        dash: REFERENCE_DASH,
        kind: "rule",
      })),
      ...verticals.map((v, i): LegendEntry => ({
        label: v.label,
        colour: REFERENCE_COLOURS[(references.length + i) % REFERENCE_COLOURS.length]!,
        dash: REFERENCE_DASH,
        kind: "rule",
      })),
    ],
  };
}

export type BarSeries = { label: string; values: readonly (number | null)[] };

/**
 * Bars for categories (months, funnel stages, groups of schools): one bar per category per series, side by side.
 * Horizontal bars suit long category names (the funnel); vertical bars suit months. Each bar carries its value as
 * text, so the figure can be read without the axis.
 */
export function barChart(
  text: ChartText,
  options: {
    categories: readonly string[];
    series: readonly BarSeries[];
    valueLabel: string;
    orientation: "vertical" | "horizontal";
    height?: number;
    references?: readonly ReferenceLine[];
    /** How each value is written on its bar. */
    format?: (value: number) => string;
  },
): Rendered {
  const format = options.format ?? ((v: number) => WHOLE_NUMBER.format(v));
  const data = options.series.flatMap((s, si) =>
    options.categories.map((c, ci) => ({ category: c, series: s.label, si, value: s.values[ci] ?? null })),
  );
  const present = data.filter((d) => d.value !== null) as {
    category: string;
    series: string;
    si: number;
    value: number;
  }[];
  const seriesLabels = options.series.map((s) => s.label);
  const fill = (d: { si: number }) => SERIES_COLOURS[d.si % SERIES_COLOURS.length]!;
  const references = options.references ?? [];
  const many = options.series.length > 1;
  let plotOptions: Plot.PlotOptions;
  if (options.orientation === "horizontal") {
    const rows = options.categories.length * options.series.length;
    plotOptions = {
      height: options.height ?? Math.max(120, 34 * rows + 50),
      marginLeft: 230,
      marginRight: 60,
      marginBottom: 36,
      x: { label: options.valueLabel, labelArrow: "none", labelAnchor: "center", grid: true, nice: true },
      y: { domain: options.categories as string[], label: null, ...(many ? { axis: null } : {}) },
      ...(many ? { fy: { domain: options.categories as string[], label: null }, marginLeft: 230 } : {}),
      marks: [
        Plot.barX(present, {
          y: many ? "series" : "category",
          ...(many ? { fy: "category" } : {}),
          x: "value",
          fill,
          inset: 2,
        }),
        Plot.text(present, {
          y: many ? "series" : "category",
          ...(many ? { fy: "category" } : {}),
          x: "value",
          text: (d: { value: number }) => format(d.value),
          dx: 4,
          textAnchor: "start",
          fill: "#0b0c0c",
        }),
        Plot.ruleX([0], { stroke: "#0b0c0c" }),
      ],
    };
  } else {
    plotOptions = {
      height: options.height ?? 300,
      marginLeft: 52,
      marginBottom: 40,
      marginTop: 24,
      x: {
        domain: many ? seriesLabels : (options.categories as string[]),
        axis: many ? null : "bottom",
        label: null,
        padding: 0.15,
      },
      ...(many ? { fx: { domain: options.categories as string[], label: null, padding: 0.15 } } : {}),
      y: { label: options.valueLabel, labelArrow: "none", grid: true, nice: true, zero: true },
      marks: [
        Plot.barY(present, {
          x: many ? "series" : "category",
          ...(many ? { fx: "category" } : {}),
          y: "value",
          fill,
        }),
        Plot.text(present, {
          x: many ? "series" : "category",
          ...(many ? { fx: "category" } : {}),
          y: "value",
          text: (d: { value: number }) => format(d.value),
          dy: -6,
          fill: "#0b0c0c",
        }),
        ...references.map((r, i) =>
          Plot.ruleY([r.y], {
            stroke: REFERENCE_COLOURS[i % REFERENCE_COLOURS.length],
            strokeDasharray: REFERENCE_DASH,
            strokeWidth: 2,
          }),
        ),
        Plot.ruleY([0], { stroke: "#0b0c0c" }),
      ],
    };
  }
  return {
    svg: plot(plotOptions, text),
    legend: [
      ...(many
        ? options.series.map((s, i): LegendEntry => ({
            label: s.label,
            colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
            dash: "",
            kind: "bar",
          }))
        : []),
      ...references.map((r, i): LegendEntry => ({
        label: r.label,
        colour: REFERENCE_COLOURS[i % REFERENCE_COLOURS.length]!,
        dash: REFERENCE_DASH,
        kind: "rule",
      })),
    ],
  };
}
