import { z } from "zod";
import { requiredText } from "./common";

export const laCode = z
  .string({ error: "Enter a DfE local authority code" })
  .trim()
  .regex(/^[0-9]{3}$/, "The local authority code must be 3 digits, like 841");

export const createAuthoritySchema = z.object({
  laCode,
  name: requiredText("the authority's name"),
});
export type CreateAuthorityInput = z.infer<typeof createAuthoritySchema>;
