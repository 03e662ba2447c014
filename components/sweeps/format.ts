import type { SweepYield, YieldFigure } from "@/lib/domain/sweeps";

/** A yield figure with its unit, or "Not available" (the reason is given beside it, never a division by zero). */
export function yieldText(y: SweepYield, figure: YieldFigure): string {
  const value = y[figure];
  if (value === null) return "Not available";
  const n = value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return figure === "accompaniedPercent" ? `${n}%` : n;
}

/** 2.75 → "2.75", 2 → "2", as hours are written. */
export function hoursText(hours: number): string {
  return hours.toLocaleString("en-GB", { maximumFractionDigits: 2 });
}
