import { z } from "zod";

export const userIdSchema = z.object({ userId: z.uuid("Choose a user") });
export const tokenIdSchema = z.object({ tokenId: z.uuid("Choose a token") });
