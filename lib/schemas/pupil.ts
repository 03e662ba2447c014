import { z } from "zod";

export const pupilSearchSchema = z.object({
  q: z.string().trim().max(100, "Search for 100 characters or fewer").default(""),
  page: z.coerce.number().int().min(1).default(1),
  /** School staff's "Our pupils": a year group ("R", "1" … "13"), and the order (by name or attendance). */
  year: z
    .union([z.enum(["R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"]), z.literal("")])
    .catch("")
    .default(""),
  sort: z.enum(["name", "attendance"]).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
});
export type PupilSearchInput = z.infer<typeof pupilSearchSchema>;
