// SEN provision and free-school-meals eligibility, as the DfE Common Transfer File carries them (SENhistory and
// FSMhistory) and as the fairness table groups them. The CTF gives SEN provision as a code per period: N no special
// educational need, K SEN support and E an education, health and care plan (since 2014/15), and the older A School
// Action, P School Action Plus and S statement. Free school meals come as periods of eligibility.
export const SEN_PROVISIONS = ["N", "K", "E", "A", "P", "S"] as const;
export type SenProvision = (typeof SEN_PROVISIONS)[number];

export const SEN_PROVISION_LABELS: Record<SenProvision, string> = {
  N: "No special educational needs",
  K: "SEN support",
  E: "Education, health and care plan",
  A: "School Action (before 2014)",
  P: "School Action Plus (before 2014)",
  S: "Statement of SEN (before 2014)",
};

/** Fairness groups: the older codes join their successors (statement → EHC plan, School Action (Plus) → support). */
export const SEN_GROUPS = ["ehc_plan", "sen_support", "none", "not_recorded"] as const;
export type SenGroup = (typeof SEN_GROUPS)[number];
export const SEN_GROUP_LABELS: Record<SenGroup, string> = {
  ehc_plan: "EHC plan or statement",
  sen_support: "SEN support",
  none: "No SEN provision",
  not_recorded: "Not recorded",
};

export function senGroup(code: string | null): SenGroup {
  switch (code) {
    case "E":
    case "S":
      return "ehc_plan";
    case "K":
    case "A":
    case "P":
      return "sen_support";
    case "N":
      return "none";
    default:
      return "not_recorded";
  }
}

export const FSM_GROUPS = ["eligible", "not_eligible", "not_recorded"] as const;
export type FsmGroup = (typeof FSM_GROUPS)[number];
export const FSM_GROUP_LABELS: Record<FsmGroup, string> = {
  eligible: "Eligible for free school meals",
  not_eligible: "Not eligible",
  not_recorded: "Not recorded",
};

export function fsmGroup(eligible: boolean | null): FsmGroup {
  return eligible === null ? "not_recorded" : eligible ? "eligible" : "not_eligible";
}

/** One SEN period from a CTF: its start date and provision code. */
export type SenPeriod = { startDate: string | null; provision: string };

/**
 * The pupil's current SEN provision from their SEN history: the period with the latest start date (a period without
 * a date counts as the earliest). Unknown codes are ignored; null when nothing usable is left.
 */
export function currentSenProvision(
  periods: readonly SenPeriod[],
): { provision: SenProvision; since: string | null } | null {
  const usable = periods.filter((p): p is SenPeriod & { provision: SenProvision } =>
    (SEN_PROVISIONS as readonly string[]).includes(p.provision),
  );
  if (usable.length === 0) return null;
  const latest = usable.reduce((a, b) => ((b.startDate ?? "") >= (a.startDate ?? "") ? b : a));
  return { provision: latest.provision, since: latest.startDate };
}

/** One free-school-meals period from a CTF. */
export type FsmPeriod = { startDate: string | null; endDate: string | null };

/**
 * Eligibility on `day` from the FSM history: eligible when a period covers the day (no end date: still running).
 * With a history that covers no such day, not eligible; with no history at all, null (not recorded).
 */
export function fsmEligibleOn(
  periods: readonly FsmPeriod[] | null,
  day: string,
): { eligible: boolean; since: string | null } | null {
  if (periods === null) return null;
  const covering = periods.filter((p) => (p.startDate ?? "") <= day && (p.endDate === null || p.endDate >= day));
  if (covering.length === 0) return { eligible: false, since: null };
  const since =
    covering
      .map((p) => p.startDate)
      .filter((d): d is string => d !== null)
      .sort()[0] ?? null;
  return { eligible: true, since };
}
