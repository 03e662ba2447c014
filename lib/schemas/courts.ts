// The authority's list of magistrates' courts, kept by administrators (issue 15: hearings are at "a court from the
// authority's list of magistrates' courts").
import { z } from "zod";
import { requiredText } from "./common";

export const addCourtSchema = z.object({
  name: requiredText("the name of the court", 200),
  address: z.preprocess((v) => v ?? "", z.string().trim().max(500, "The address must be 500 characters or fewer")),
});
export type AddCourtInput = z.input<typeof addCourtSchema>;

export const setCourtActiveSchema = z.object({
  courtId: z.string().regex(/^[0-9a-f-]{36}$/i, "Select a court"),
  active: z.enum(["true", "false"], { error: "Say whether the court is in use" }),
});
