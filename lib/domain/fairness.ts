// Fairness: whether enforcement falls on some groups of pupils more than their numbers would suggest. For each
// group (SEN provision, free school meals, sex, year group) the table gives its share of the pupils, of the
// persistent absentees, of the pupils with a case, a prosecution referral, a prosecution and a conviction, and the
// ratio of each share to the group's share of pupils (1.00 = in proportion; 2.00 = twice its share).
//
// Small numbers are suppressed, as official statistics are (the Code of Practice for Statistics; DfE publications
// suppress counts below a threshold): a count of 1 to 4 is not shown, nor are the share and ratio worked out from it.
// So that a suppressed count cannot be worked out from the total and the other groups:
// - in a column with a hidden count, every count below 5 is hidden, 0 included (were the 0s shown, two hidden cells
//   and a total of 2 would give away two 1s);
// - where that leaves only one hidden cell, the next smallest is hidden too (complementary suppression).
// A column with no count from 1 to 4 shows everything, 0s included.
import { roundedPercent } from "./attendance-rates";

/** Counts below this (and above 0) are suppressed. */
export const SUPPRESSION_THRESHOLD = 5;

export const FAIRNESS_MEASURES = [
  "pupils",
  "persistentAbsence",
  "cases",
  "referrals",
  "prosecutions",
  "convictions",
] as const;
export type FairnessMeasure = (typeof FAIRNESS_MEASURES)[number];

export const FAIRNESS_MEASURE_LABELS: Record<FairnessMeasure, string> = {
  pupils: "Pupils",
  persistentAbsence: "Persistent absentees",
  cases: "With a case",
  referrals: "Referred for prosecution",
  prosecutions: "Prosecuted",
  convictions: "Convicted",
};

export const FAIRNESS_DIMENSIONS = ["sen", "fsm", "sex", "yearGroup"] as const;
export type FairnessDimension = (typeof FAIRNESS_DIMENSIONS)[number];
export const FAIRNESS_DIMENSION_LABELS: Record<FairnessDimension, string> = {
  sen: "Special educational needs provision",
  fsm: "Free school meals",
  sex: "Sex",
  yearGroup: "Year group",
};

/** One pupil of the year, with the group they belong to in each dimension and what happened to them. */
export type FairnessPupil = {
  groups: Record<FairnessDimension, string>;
} & Record<Exclude<FairnessMeasure, "pupils">, boolean>;

export type FairnessCell =
  | { suppressed: true }
  | {
      suppressed: false;
      count: number;
      /** The group's share of the measure across all groups, one decimal; null when the measure is 0 everywhere. */
      sharePercent: number | null;
      /** Share of the measure ÷ share of pupils, two decimals; null when it cannot be worked out. */
      ratio: number | null;
    };

export type FairnessRow = { group: string; cells: Record<FairnessMeasure, FairnessCell> };
export type FairnessSection = {
  dimension: FairnessDimension;
  rows: FairnessRow[];
  totals: Record<FairnessMeasure, number>;
};

/** Whether a single count must be hidden. */
export function isSmallCount(count: number): boolean {
  return count > 0 && count < SUPPRESSION_THRESHOLD;
}

/** (a / b) ÷ (c / d) = a·d ÷ (b·c), to two decimals, half up, in integers. Null when b or c is 0. */
export function ratioOfShares(a: number, b: number, c: number, d: number): number | null {
  const num = a * d;
  const den = b * c;
  if (den === 0) return null;
  return Math.floor((200 * num + den) / (2 * den)) / 100;
}

/**
 * Which cells of one column to hide: every count from 1 to 4 and, if there is one, every 0 as well; and where that
 * leaves exactly one hidden cell, also the smallest other cell (so the hidden one cannot be found by subtraction from
 * the total). `alreadyHidden` marks cells hidden for another reason (a group too small to show at all).
 */
export function suppressColumn(counts: readonly number[], alreadyHidden: readonly boolean[] = []): boolean[] {
  const anySmall = counts.some((c, i) => isSmallCount(c) && alreadyHidden[i] !== true);
  const hidden = counts.map(
    (c, i) => alreadyHidden[i] === true || isSmallCount(c) || (anySmall && c < SUPPRESSION_THRESHOLD),
  );
  if (hidden.filter(Boolean).length === 1) {
    let next = -1;
    counts.forEach((c, i) => {
      if (!hidden[i] && (next === -1 || c < counts[next]!)) next = i;
    });
    if (next !== -1) hidden[next] = true;
  }
  return hidden;
}

/** The table for each dimension, groups in the order `groupOrder` gives (others after, alphabetically). */
export function fairnessTable(
  pupils: readonly FairnessPupil[],
  groupOrder: Partial<Record<FairnessDimension, readonly string[]>> = {},
): FairnessSection[] {
  const totals = Object.fromEntries(
    FAIRNESS_MEASURES.map((m) => [m, m === "pupils" ? pupils.length : pupils.filter((p) => p[m]).length]),
  ) as Record<FairnessMeasure, number>;

  return FAIRNESS_DIMENSIONS.map((dimension) => {
    const order = groupOrder[dimension] ?? [];
    const groups = [...new Set(pupils.map((p) => p.groups[dimension]))].sort((a, b) => {
      const ia = order.indexOf(a);
      const ib = order.indexOf(b);
      if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
      return a.localeCompare(b, "en", { numeric: true });
    });
    const counts = groups.map((g) => {
      const members = pupils.filter((p) => p.groups[dimension] === g);
      return Object.fromEntries(
        FAIRNESS_MEASURES.map((m) => [m, m === "pupils" ? members.length : members.filter((p) => p[m]).length]),
      ) as Record<FairnessMeasure, number>;
    });
    // A group too small to show hides its whole row; then each column hides its own small counts.
    const rowHidden = suppressColumn(counts.map((c) => c.pupils));
    const hidden = Object.fromEntries(
      FAIRNESS_MEASURES.map((m) => {
        return [
          m,
          suppressColumn(
            counts.map((c) => c[m]),
            rowHidden,
          ),
        ];
      }),
    ) as Record<FairnessMeasure, boolean[]>;

    const rows: FairnessRow[] = groups.map((group, i) => {
      const c = counts[i]!;
      const cells = Object.fromEntries(
        FAIRNESS_MEASURES.map((m): [FairnessMeasure, FairnessCell] => {
          if (hidden[m][i]) return [m, { suppressed: true }];
          const total = totals[m];
          return [
            m,
            {
              suppressed: false,
              count: c[m],
              sharePercent: total > 0 ? roundedPercent(c[m], total) : null,
              ratio: m === "pupils" ? null : ratioOfShares(c[m], total, c.pupils, totals.pupils),
            },
          ];
        }),
      ) as Record<FairnessMeasure, FairnessCell>;
      return { group, cells };
    });
    return { dimension, rows, totals };
  });
}
