import "server-only";
import type pg from "pg";
import type { ImportCounts } from "../attendance/import-context";

/**
 * Starts the record of an import, before its marks (each mark names its import). The file's SHA-256 is known
 * only once it has been read, so closeImportRecord sets it, with the counts, in the same transaction.
 */
export async function openImportRecord(
  client: pg.PoolClient,
  record: {
    authorityId: string;
    schoolId: string | null;
    uploadedBy: string | null;
    source: "csv" | "ctf";
    filename: string;
  },
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO attendance_import (authority_id, school_id, uploaded_by, source, filename, sha256)
     VALUES ($1, $2, $3, $4, $5, repeat('0', 64)) RETURNING id::text`,
    [record.authorityId, record.schoolId, record.uploadedBy, record.source, record.filename],
  );
  return rows[0]!.id;
}

/** Records the file's SHA-256 and what the import changed. */
export async function closeImportRecord(
  client: pg.PoolClient,
  record: { authorityId: string; importId: string; sha256: string; counts: ImportCounts },
): Promise<void> {
  const c = record.counts;
  await client.query(
    `UPDATE attendance_import SET sha256 = $3, marks_created = $4, marks_updated = $5, marks_unchanged = $6,
       pupils_created = $7, pupils_updated = $8
     WHERE authority_id = $1 AND id = $2`,
    [
      record.authorityId,
      record.importId,
      record.sha256,
      c.marksCreated,
      c.marksUpdated,
      c.marksUnchanged,
      c.pupilsCreated,
      c.pupilsUpdated,
    ],
  );
}
