import "server-only";
import type pg from "pg";
import { now } from "@/lib/env";
import { audit } from "../audit";
import { ForbiddenError } from "../errors";
import { closeImportRecord, openImportRecord } from "../register-store/import-record";
import { openMarkStore, saveMarks } from "../register-store/save-marks";
import { createCtfStage, StageWriter } from "./ctf/ctf-stage";
import { CtfFileReader, type CtfSchool } from "./ctf/read-ctf";
import { resolveCtf } from "./ctf/resolve-ctf";
import { writeCtfPupils } from "./ctf/write-ctf";
import {
  importContext,
  ImportErrors,
  type ImportCounts,
  type ImportOptions,
  type ImportOutcome,
} from "./import-context";
import { inImportTransaction } from "./import-transaction";
import { marksKeptFrom } from "../retention/marks-kept-from";

/**
 * Imports a DfE Common Transfer File (XML): pupils and their parents/carers, enrolments, register marks and
 * summary-only years (shared/ctf-upn.md §1; the assumptions about the format are listed in lib/domain/ctf.ts), in
 * three steps: stage (ctf/read-ctf.ts: the XML streamed, one pupil in memory at a time, each checked and staged),
 * resolve (ctf/resolve-ctf.ts: matched to recorded pupils, marks expanded, what needs the database checked) and
 * write (ctf/write-ctf.ts for pupils, parents, enrolments and years; the register store for marks).
 *
 * All or nothing: if anything is wrong, nothing is written and every error is returned with its XML line, UPN and
 * date. Otherwise, in one transaction:
 * - pupils are matched on UPN or former UPN (either way round) and created or updated from the file (a pupil whose
 *   temporary UPN is replaced keeps it as former_upn; middle names, title, phone and email the file leaves out
 *   are kept). A file pupil matching two recorded pupils is an error: they must be merged first;
 * - contacts become parents/carers: matched to a parent already linked to the pupil by forename and surname,
 *   otherwise created and linked (links are never removed);
 * - a pupil is enrolled at each school they have marks at, unless they have an enrolment there that is open or
 *   overlaps those marks: from the SchoolHistory EntryDate for that school, else the first mark, in the year
 *   group NCyearActual gives. Enrolments are never ended (LeavingDate is not applied);
 * - marks are saved by the register store exactly as for a register CSV (history, counts, summaries);
 * - summary-only years are kept in attendance_year_summary, also for schools outside the system.
 * Marks dated before the register's retention period are refused (they were erased, or are due to be).
 * Marks must belong to a school of the authority (named by YearData LEA and Estab), and a file with marks must
 * come from the authority (header SourceSchool/LEA). School staff may import only files whose marks are all for
 * their own school (ForbiddenError otherwise), and only their own pupils or new admissions (ctf-school-staff-pupils.ts).
 * Importing the same file again changes nothing: counts are all 0 except marksUnchanged.
 */
export async function importCtf(options: ImportOptions): Promise<ImportOutcome> {
  const { user, authorityId, ownSchoolId } = importContext(options.actor);
  const progress = options.onProgress ?? (() => {});
  // One import at a time per authority (inImportTransaction's lock): two files bringing the same new pupil or
  // parent would otherwise both create them (or one would fail on the UPN's uniqueness).
  return inImportTransaction(authorityId, async (client) => {
    const authority = await loadCtfAuthority(client, authorityId, ownSchoolId);
    await openMarkStore(client);
    await createCtfStage(client);
    const errors = new ImportErrors();
    const reader = new CtfFileReader(new StageWriter(client), {
      ...authority,
      ownSchoolId,
      keptFrom: await marksKeptFrom(client, authorityId),
      fail: errors.add,
      progress,
    });
    await reader.read(options.input);
    if (reader.forbidden) throw new ForbiddenError(reader.forbidden);

    progress({ phase: "checking", lines: reader.line });
    const staged = await resolveCtf(client, {
      authorityId,
      ownSchoolId,
      ownSchoolName: authority.ownSchoolName,
      fail: errors.add,
    });
    if (errors.total > 0) return errors.outcome();

    progress({ phase: "saving", lines: reader.line });
    const importId = await openImportRecord(client, {
      authorityId,
      schoolId: ownSchoolId,
      uploadedBy: user?.id ?? null,
      source: "ctf",
      filename: options.filename ?? "",
    });
    const pupils = await writeCtfPupils(client, authorityId, importId);
    const marks = await saveMarks(client, {
      authorityId,
      importId,
      changedBy: user?.id ?? null,
      at: now(),
      staged,
      beforeSummaries: () => progress({ phase: "summarising", lines: reader.line }),
    });
    const counts: ImportCounts = { ...marks, ...pupils };
    await closeImportRecord(client, { authorityId, importId, sha256: reader.sha256.digest("hex"), counts });
    const h = reader.header;
    await audit(
      options.actor,
      {
        action: "attendance.import",
        entityType: "attendance_import",
        entityId: importId,
        detail: {
          ...counts,
          format: "ctf",
          ctfVersion: h?.ctfVersion ?? null,
          sourceLea: h?.sourceLea ?? null,
          sourceEstab: h?.sourceEstab ?? null,
        },
      },
      client,
    );
    progress({ phase: "done", lines: reader.line });
    return { ok: true as const, importId, counts };
  });
}

/** The authority's LA code, name and schools (by establishment number), and the uploader's school's name. */
async function loadCtfAuthority(client: pg.PoolClient, authorityId: string, ownSchoolId: string | null) {
  const {
    rows: [authority],
  } = await client.query<{ la_code: string; name: string }>("SELECT la_code, name FROM authority WHERE id = $1", [
    authorityId,
  ]);
  const { rows } = await client.query<{ id: string; store_key: number; name: string; estab_number: string }>(
    "SELECT id, store_key, name, estab_number FROM school WHERE authority_id = $1",
    [authorityId],
  );
  const schoolsByEstab = new Map<string, CtfSchool>(
    rows.map((s) => [s.estab_number, { id: s.id, key: s.store_key, name: s.name, estabNumber: s.estab_number }]),
  );
  return {
    laCode: authority!.la_code,
    authorityName: authority!.name,
    schoolsByEstab,
    ownSchoolName: ownSchoolId ? rows.find((s) => s.id === ownSchoolId)!.name : "",
  };
}
