// Education Supervision Orders (Children Act 1989 s.36): the family court places a child of compulsory school age
// who is not being properly educated under the authority's supervision. The authority must consider one before it
// prosecutes under s.444, and may seek one instead of, or as well as, prosecuting (Education Act 1996 s.447;
// shared/domain.md §3.1, §10.10). The census counts the orders made, split by that relation (supervision_orders_*).
// An order normally lasts 1 year and can be extended, up to 3 years (§3.1, [S]): recorded here as its length in
// months when made.
import { formatUkDate, isIsoDate } from "./dates";

export const ESO_RELATIONS = ["instead_of_prosecution", "in_addition_to_prosecution"] as const;
export type EsoRelation = (typeof ESO_RELATIONS)[number];
export const ESO_RELATION_LABELS: Record<EsoRelation, string> = {
  instead_of_prosecution: "Instead of prosecution",
  in_addition_to_prosecution: "As well as prosecution",
};

export const DEFAULT_ESO_MONTHS = 12;
export const MAX_ESO_MONTHS = 36;

/** Whether an order made on `madeOn` can be recorded on a case opened on `openedOn`, today. */
export function checkEsoDate(
  madeOn: string,
  openedOn: string,
  today: string,
): { ok: true } | { ok: false; message: string } {
  if (!isIsoDate(madeOn)) return { ok: false, message: "Enter the date the order was made as a real date" };
  if (madeOn > today) return { ok: false, message: "The date the order was made cannot be in the future" };
  if (madeOn < openedOn) {
    return { ok: false, message: `The order cannot be dated before the case was opened on ${formatUkDate(openedOn)}` };
  }
  return { ok: true };
}
