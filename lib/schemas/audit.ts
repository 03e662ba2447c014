// The auditor's search of the audit log (issue 12, ADR 033): the filters in the page's URL and its CSV download.
import { z } from "zod";
import { checkUpn } from "@/lib/domain/upn";
import { optionalDateField, withDateInputs } from "./date-input";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
const optional = <T extends z.ZodType>(schema: T) => z.union([z.literal(""), schema]);

// The dates are GOV.UK date inputs (<field>-day, -month, -year) on the form, and ISO dates in the links the page
// makes (pagination, the download); both read the same.
export const auditSearchSchema = withDateInputs(
  ["from", "to"],
  z
    .object({
      user: optional(z.uuid("Select a user from the list")),
      upn: optional(
        z.string().superRefine((value, ctx) => {
          const check = checkUpn(value);
          if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
        }),
      ).transform((v) => v.toUpperCase()),
      parent: z.string().max(100, "A parent or carer's name must be 100 characters or fewer"),
      caseId: optional(
        z.uuid("Enter the case reference as it appears in the case's address: 36 letters, digits and dashes"),
      ),
      action: optional(z.string().regex(/^[a-z_]+\.[a-z_]+$/, "Select an action from the list")),
      from: optionalDateField("the from date"),
      to: optionalDateField("the to date"),
      page: z.coerce.number().int().min(1).max(100_000).catch(1),
    })
    .refine((f) => !f.from || !f.to || f.from <= f.to, {
      path: ["to"],
      message: "The to date must be the same as or after the from date",
    }),
);

export type AuditSearch = z.output<typeof auditSearchSchema>;
export const AUDIT_SEARCH_FIELDS = ["user", "upn", "parent", "caseId", "action", "from", "to"] as const;

/** The filters from the URL: every one, or the problems with them, each naming its field. */
export function parseAuditSearch(
  params: SearchParams,
): { ok: true; search: AuditSearch } | { ok: false; errors: { field: string; message: string }[] } {
  const keys = [
    ...AUDIT_SEARCH_FIELDS,
    "page",
    ...["from", "to"].flatMap((d) => [`${d}-day`, `${d}-month`, `${d}-year`]),
  ];
  const raw = Object.fromEntries(keys.filter((k) => params[k] !== undefined).map((k) => [k, first(params[k])]));
  const parsed = auditSearchSchema.safeParse({
    user: "",
    upn: "",
    parent: "",
    caseId: "",
    action: "",
    ...raw,
    page: raw.page || "1",
  });
  if (parsed.success) return { ok: true, search: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "form"), message: i.message })),
  };
}

/** The filters as a query string (for pagination and the CSV link), without empty ones. */
export function auditSearchQuery(search: Partial<AuditSearch>, page?: number): string {
  const q = new URLSearchParams();
  for (const key of AUDIT_SEARCH_FIELDS) if (search[key]) q.set(key, String(search[key]));
  if (page && page > 1) q.set("page", String(page));
  return q.toString();
}
