import {
  CASE_CENSUS_VARIABLES,
  CENSUS_DESCRIPTIONS,
  PN_CENSUS_VARIABLES,
  type ProsecutionColumn,
} from "@/lib/domain/parental-responsibility";

/** The Education Supervision Order and parenting order variables of the later census files. */
export const ORDER_CENSUS_VARIABLES = [
  "supervision_orders_total",
  "supervision_orders_inplaceofprosecution",
  "supervision_orders_inadditiontoprosecution",
  "parenting_orders_granted",
] as const;

/** Every census column of the return, in the census's order: penalty notices, case management, orders. */
export const CENSUS_COLUMNS = [...PN_CENSUS_VARIABLES, ...CASE_CENSUS_VARIABLES, ...ORDER_CENSUS_VARIABLES] as const;
export type CensusColumn = (typeof CENSUS_COLUMNS)[number];

export const CENSUS_COLUMN_DESCRIPTIONS: Record<CensusColumn, string> = {
  ...CENSUS_DESCRIPTIONS,
  supervision_orders_total: "Number of Education Supervision Orders made",
  supervision_orders_inplaceofprosecution: "Education Supervision Orders made instead of prosecution",
  supervision_orders_inadditiontoprosecution: "Education Supervision Orders made as well as prosecution",
  parenting_orders_granted: "Number of parenting orders made by the courts",
};

export const PROSECUTION_COLUMN_LABELS: Record<ProsecutionColumn, string> = {
  parents_prosecuted: "Parents prosecuted (approved in the year)",
  prosecuted_s444_1: "Charged under section 444(1)",
  prosecuted_s444_1a: "Charged under section 444(1A)",
  verdict_guilty: "Found guilty",
  verdict_not_guilty: "Found not guilty",
  verdict_withdrawn: "Withdrawn",
  verdict_dismissed: "Dismissed",
  awaiting_outcome: "Awaiting an outcome",
  fines: "Fines",
  fines_total_pence: "Fines, total",
  fines_median_pence: "Fines, median",
  custody_immediate: "Custody, immediate",
  custody_suspended: "Custody, suspended",
  community_orders: "Community orders",
  parenting_orders_granted: "Parenting orders",
  conditional_discharges: "Conditional discharges",
  absolute_discharges: "Absolute discharges",
};
