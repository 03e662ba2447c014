import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { email, requiredText } from "./common";

export const createUserSchema = z
  .object({
    email,
    name: requiredText("the user's full name"),
    role: z.enum(ROLES, { error: "Select a role: administrator, manager, officer, school staff or auditor" }),
    schoolUrn: z.preprocess(
      (v) => (v === "" || v === null ? undefined : v),
      z.coerce.number({ error: "The school URN must be a 6-digit number" }).int().optional(),
    ),
  })
  .refine((v) => v.role !== "school" || v.schoolUrn !== undefined, {
    path: ["schoolUrn"],
    message: "Select the school this member of staff works at",
  })
  .refine((v) => v.role === "school" || v.schoolUrn === undefined, {
    path: ["schoolUrn"],
    message: "Only school staff belong to a school",
  });
export type CreateUserInput = z.infer<typeof createUserSchema>;

/** The answer for an email address that already has an account anywhere: the same whichever authority it is in. */
export const EMAIL_UNAVAILABLE_MESSAGE = "This email address cannot be used for a new user. Check it, or use another";
