import { z } from "zod";

export const userIdSchema = z.object({ userId: z.uuid("Choose a user") });
export const tokenIdSchema = z.object({ tokenId: z.uuid("Choose a token") });
export const createTokenSchema = z.object({
  userId: z.uuid("Choose a user"),
  label: z.string().trim().max(100, "The label must be 100 characters or fewer").default(""),
});
