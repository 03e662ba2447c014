export const RELATIONSHIPS = [
  "mother",
  "father",
  "step_parent",
  "grandparent",
  "foster_carer",
  "other_relative",
  "carer",
  "other",
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  mother: "Mother",
  father: "Father",
  step_parent: "Step-parent",
  grandparent: "Grandparent",
  foster_carer: "Foster carer",
  other_relative: "Other relative",
  carer: "Carer",
  other: "Other",
};
