import { Tag, type TagColour } from "@/components/govuk/tag";
import { CASE_STATE_LABELS, type CaseState } from "@/lib/domain/case-state";

const COLOUR: Record<CaseState, TagColour> = {
  open: "blue",
  window_active: "purple",
  decision_due: "orange",
  monitoring: "turquoise",
  referred: "red",
  closed: "grey",
};

/** A case's status as a GOV.UK tag. */
export function CaseStatusTag({ status }: { status: CaseState }) {
  return <Tag colour={COLOUR[status]}>{CASE_STATE_LABELS[status]}</Tag>;
}
