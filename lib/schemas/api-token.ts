import { z } from "zod";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_NAME_MAX } from "@/lib/domain/api-tokens";
import { requiredText } from "./common";

/** A user creating their own API token (account page; the command line uses the same limits). */
export const createApiTokenSchema = z.object({
  name: requiredText("a name for the token, such as what it is for", TOKEN_NAME_MAX),
  expiresInDays: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? TOKEN_DEFAULT_DAYS : v),
    z.coerce
      .number({ error: `Enter how many days the token lasts, from 1 to ${TOKEN_MAX_DAYS}` })
      .int(`Enter a whole number of days, from 1 to ${TOKEN_MAX_DAYS}`)
      .min(1, `The token must last at least 1 day`)
      .max(TOKEN_MAX_DAYS, `A token can last at most ${TOKEN_MAX_DAYS} days`),
  ),
  readOnly: z.preprocess((v) => v === "true" || v === "on" || v === true, z.boolean()),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
