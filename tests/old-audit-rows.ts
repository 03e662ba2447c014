// Audit rows as if written years ago, for the retention tests: linked and hashed exactly as the chain trigger does.
import { ownerPool } from "./db";

/** Audit rows written long ago, as if the service had run then: the owner appends them to an authority's chain
 * with the chain trigger off, each row linked and hashed exactly as the trigger would. */
export async function writeOldAuditRows(
  authorityId: string,
  rows: { action: string; at: string; entity?: [string, string]; detail?: Record<string, unknown> }[],
) {
  const client = await ownerPool.connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain");
    // They follow on from the chain's head, if it has one.
    const { rows: head } = await client.query<{ chain_seq: string; row_hash: string }>(
      "SELECT chain_seq::text, row_hash FROM audit_log WHERE authority_id = $1 ORDER BY chain_seq DESC LIMIT 1",
      [authorityId],
    );
    let prev = head[0]?.row_hash ?? "0".repeat(64);
    let seq = Number(head[0]?.chain_seq ?? 0);
    for (const row of rows) {
      seq++;
      const { rows: next } = await client.query<{ id: string }>(
        "SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::text AS id",
      );
      const row0 = {
        id: next[0]!.id,
        authority_id: authorityId,
        actor_system: "test",
        action: row.action,
        entity_type: row.entity?.[0] ?? null,
        entity_id: row.entity?.[1] ?? null,
        detail: row.detail ?? { email: "someone@example.org" },
        at: row.at,
        chain_seq: seq,
        prev_hash: prev,
      };
      const { rows: hashed } = await client.query<{ h: string }>(
        "SELECT audit_log_row_hash(jsonb_populate_record(NULL::audit_log, $1::jsonb)) AS h",
        [JSON.stringify(row0)],
      );
      const inserted = [{ row_hash: hashed[0]!.h }];
      await client.query("INSERT INTO audit_log SELECT * FROM jsonb_populate_record(NULL::audit_log, $1::jsonb)", [
        JSON.stringify({ ...row0, row_hash: inserted[0]!.row_hash }),
      ]);
      prev = inserted[0]!.row_hash;
    }
    await client.query("ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain");
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}
