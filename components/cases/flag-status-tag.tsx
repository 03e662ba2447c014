import { Tag, type TagColour } from "@/components/govuk/tag";
import type { FlagStatus } from "@/lib/schemas/case";

const TEXT: Record<FlagStatus, string> = { new: "New", accepted: "Accepted", declined: "Declined", merged: "Merged" };
const COLOUR: Record<FlagStatus, TagColour> = { new: "blue", accepted: "green", declined: "red", merged: "turquoise" };

/** A flag's status as a GOV.UK tag: new, accepted, declined or merged. */
export function FlagStatusTag({ status }: { status: FlagStatus }) {
  return <Tag colour={COLOUR[status]}>{TEXT[status]}</Tag>;
}
