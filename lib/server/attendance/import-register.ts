import "server-only";
import { now } from "@/lib/env";
import { audit } from "../audit";
import { ForbiddenError } from "../errors";
import { closeImportRecord, openImportRecord } from "../register-store/import-record";
import { findStoredYears } from "../register-store/partitions";
import { openMarkStore, saveMarks } from "../register-store/save-marks";
import { findStagedDuplicates } from "../register-store/find-staged-duplicates";
import { loadSchoolWeeks } from "../register-store/school-weeks";
import { CsvMarkReader } from "./csv-mark-reader";
import {
  importContext,
  ImportErrors,
  MAX_LISTED_ERRORS,
  type ImportCounts,
  type ImportOptions,
  type ImportOutcome,
} from "./import-context";
import { inImportTransaction } from "./import-transaction";
import { loadRoster } from "./register-roster";
import { marksKeptFrom } from "../retention/marks-kept-from";

export type { ImportActor, ImportCounts, ImportError, ImportOptions, ImportOutcome } from "./import-context";

/**
 * Imports a register CSV (`upn,date,session,code[,school_urn]`), streaming: memory does not grow with the file.
 * Every line is checked; if any is wrong nothing is written and every error is returned with its line number.
 * Otherwise all marks are written in one transaction through the register store (ADR 050): new marks created,
 * re-sent marks with a different code replaced (the old code kept in attendance_mark_change), identical ones left
 * alone, and the summaries updated by what changed. A year with no marks yet is a first load, written in bulk.
 * School staff may import only their own school's pupils; a row naming another school is refused with
 * ForbiddenError. Marks dated before the register's retention period are refused: they were erased (or are due to
 * be), and a re-sent old file must not bring them back.
 */
export async function importRegisterCsv(options: ImportOptions): Promise<ImportOutcome> {
  const { user, authorityId, ownSchoolId } = importContext(options.actor);
  const progress = options.onProgress ?? (() => {});
  return inImportTransaction(
    authorityId,
    async (client) => {
      const roster = await loadRoster(client, authorityId, ownSchoolId);
      const storedYears = await findStoredYears(client, authorityId);
      const keptFrom = await marksKeptFrom(client, authorityId);
      const importId = await openImportRecord(client, {
        authorityId,
        schoolId: ownSchoolId,
        uploadedBy: user?.id ?? null,
        source: "csv",
        filename: options.filename ?? "",
      });
      await openMarkStore(client);
      const errors = new ImportErrors();
      const reader = new CsvMarkReader(client, {
        authorityId,
        importId,
        roster,
        storedYears,
        keptFrom,
        errors,
        progress,
      });
      await reader.read(options.input);
      if (reader.forbidden) throw new ForbiddenError(reader.forbidden);

      progress({ phase: "checking", lines: reader.lines });
      await reportDuplicates(client, reader, authorityId, errors);
      if (errors.total > 0) return errors.outcome();

      progress({ phase: "saving", lines: reader.lines });
      const weeks = await loadSchoolWeeks(client, authorityId);
      let written = 0;
      for (const load of reader.loads.values()) written += await load.finish(weeks.ordinals, weeks.calendarYears);
      const marks = await saveMarks(client, {
        authorityId,
        importId,
        changedBy: user?.id ?? null,
        at: now(),
        staged: reader.staged,
        written,
        beforeSummaries: () => progress({ phase: "summarising", lines: reader.lines }),
      });
      const counts: ImportCounts = { ...marks, pupilsCreated: 0, pupilsUpdated: 0 };
      await closeImportRecord(client, { authorityId, importId, sha256: reader.sha256.digest("hex"), counts });
      await audit(
        options.actor,
        { action: "attendance.import", entityType: "attendance_import", entityId: importId, detail: counts },
        client,
      );
      progress({ phase: "done", lines: reader.lines });
      return { ok: true as const, importId, counts };
    },
    { commit: !options.trial },
  );
}

/** Lines that repeat an earlier line's pupil, school, date and session, among the staged marks and in each load. */
async function reportDuplicates(
  client: Parameters<typeof findStagedDuplicates>[0],
  reader: CsvMarkReader,
  authorityId: string,
  errors: ImportErrors,
): Promise<void> {
  const message = (first: number) => `Duplicate row: the same pupil, date and session as line ${first}`;
  for (const d of await findStagedDuplicates(client, authorityId, MAX_LISTED_ERRORS))
    errors.add({ line: d.line, upn: d.upn, date: d.date, message: message(d.firstLine) });
  for (const load of reader.loads.values()) {
    if (load.duplicates.length === 0) continue;
    const firsts = await load.firstLines();
    for (const d of load.duplicates) {
      const upn = reader.repeatedUpns.get(d.line);
      errors.add({ line: d.line, upn, date: d.mark.date, message: message(firsts.get(d) ?? 0) });
    }
  }
}
