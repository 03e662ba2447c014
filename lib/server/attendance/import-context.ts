import "server-only";
import type { Readable } from "node:stream";
import { authorize, type Actor } from "../actor";

/** Who imports: a signed-in user (or API token), or the command line acting within one authority. */
export type ImportActor = Actor | { system: "cli" | "seed" | "bench"; authorityId: string };

export type ImportError = { line?: number; upn?: string; date?: string; message: string };
export type ImportCounts = {
  marksCreated: number;
  marksUpdated: number;
  marksUnchanged: number;
  pupilsCreated: number;
  pupilsUpdated: number;
};
export type ImportOutcome =
  { ok: true; importId: string; counts: ImportCounts } | { ok: false; errors: ImportError[]; totalErrors: number };

export type ImportProgress = { phase: "reading" | "checking" | "saving" | "summarising" | "done"; lines: number };

/** What every importer (CSV register, Common Transfer File) takes: one contract for every surface. */
export type ImportOptions = {
  actor: ImportActor;
  input: Readable;
  filename?: string;
  onProgress?: (progress: ImportProgress) => void;
  /**
   * A trial: everything is checked, written and summarised, then rolled back, and the outcome says what the import
   * would have done. The benchmark measures one day's file over and over on the same stored year with it.
   */
  trial?: boolean;
};

/** Errors beyond this many are counted but not listed (a wholly wrong file would otherwise list millions). */
export const MAX_LISTED_ERRORS = 1000;

/**
 * Who is importing, authorised once for both importers: the user (null for the command line), the authority,
 * and, for school staff, the one school they may import for.
 */
export function importContext(actor: ImportActor) {
  const user = "id" in actor ? actor : null;
  if (user) authorize(user, "attendance.import");
  return { user, authorityId: actor.authorityId, ownSchoolId: user?.role === "school" ? user.schoolId : null };
}

/** Collects an import's errors: every one counted, the first MAX_LISTED_ERRORS kept, listed in line order. */
export class ImportErrors {
  readonly listed: ImportError[] = [];
  total = 0;

  add = (error: ImportError): void => {
    this.total++;
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(error);
  };

  outcome(): { ok: false; errors: ImportError[]; totalErrors: number } {
    const errors = [...this.listed].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.date ?? "").localeCompare(b.date ?? ""),
    );
    return { ok: false, errors, totalErrors: this.total };
  }
}
