import { z } from "zod";

export const pupilSearchSchema = z.object({
  q: z.string().trim().max(100, "Search for 100 characters or fewer").default(""),
  page: z.coerce.number().int().min(1).default(1),
});
export type PupilSearchInput = z.infer<typeof pupilSearchSchema>;
