import "server-only";
import type pg from "pg";
import type { ImportCounts } from "../attendance/import-context";

/** Starts the record of an import (who, what file, its SHA-256); its counts are set by closeImportRecord. */
export async function openImportRecord(
  client: pg.PoolClient,
  record: { authorityId: string; schoolId: string | null; uploadedBy: string | null; source: "csv" | "ctf"; filename: string; sha256: string },
): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO attendance_import (authority_id, school_id, uploaded_by, source, filename, sha256)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::text`,
    [record.authorityId, record.schoolId, record.uploadedBy, record.source, record.filename, record.sha256],
  );
  return rows[0]!.id;
}

/** Records what an import changed. */
export async function closeImportRecord(client: pg.PoolClient, importId: string, counts: ImportCounts): Promise<void> {
  await client.query(
    `UPDATE attendance_import SET marks_created = $2, marks_updated = $3, marks_unchanged = $4, pupils_created = $5,
       pupils_updated = $6 WHERE id = $1`,
    [importId, counts.marksCreated, counts.marksUpdated, counts.marksUnchanged, counts.pupilsCreated, counts.pupilsUpdated],
  );
}
