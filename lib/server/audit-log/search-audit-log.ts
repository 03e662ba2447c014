import "server-only";
import type { AuditRowView } from "@/lib/domain/audit-row";
import type { AuditSearch } from "@/lib/schemas/audit";
import { authorize, type Actor } from "../actor";
import { audit } from "../audit";
import { ValidationError } from "../errors";
import { pgPool } from "../pg";
import { SUBJECT_RECORDS_SQL } from "./subject-records";

export type { AuditRowView };

export const AUDIT_PAGE_SIZE = 50;
/** A download holds at most this many rows: narrow the search for more. */
export const AUDIT_EXPORT_LIMIT = 100_000;

type Query = { where: string[]; params: unknown[]; subjects: string | null };

/**
 * The auditor's search of their authority's audit log (ADR 033): by user, pupil (UPN: every access to that child's
 * records), parent or carer (by name: every access to their children's records), case, action and date range,
 * newest first, a page at a time. Each search is itself audited. Unknown pupils, parents or cases are
 * ValidationErrors naming the field.
 */
export async function searchAuditLog(actor: Actor, search: AuditSearch) {
  authorize(actor, "audit.read");
  const { query, matched } = await buildQuery(actor, search);
  const pool = pgPool();
  const [{ rows }, { rows: counted }] = await Promise.all([
    pool.query(
      selectSql(query, `LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(search.page - 1) * AUDIT_PAGE_SIZE}`),
      query.params,
    ),
    pool.query<{ total: string }>(
      `${withSubjects(query)} SELECT count(*)::text AS total FROM audit_log a WHERE ${query.where.join(" AND ")}`,
      query.params,
    ),
  ]);
  const total = Number(counted[0]!.total);
  await audit(actor, { action: "audit.search", detail: { filters: filtersOf(search), page: search.page, total } });
  return { rows: rows.map(toView), total, matched, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The same search, every page (up to AUDIT_EXPORT_LIMIT rows), for the CSV download. Audited as an export. */
export async function exportAuditLog(actor: Actor, search: AuditSearch) {
  authorize(actor, "audit.read");
  const { query } = await buildQuery(actor, search);
  const { rows } = await pgPool().query(selectSql(query, `LIMIT ${AUDIT_EXPORT_LIMIT + 1}`), query.params);
  const truncated = rows.length > AUDIT_EXPORT_LIMIT;
  const kept = rows.slice(0, AUDIT_EXPORT_LIMIT).map(toView);
  await audit(actor, { action: "audit.export", detail: { filters: filtersOf(search), rows: kept.length, truncated } });
  return { rows: kept, truncated };
}

const filtersOf = (search: AuditSearch) =>
  Object.fromEntries(
    Object.entries(search).filter(([key, value]) => key !== "page" && value !== "" && value !== undefined),
  );

const withSubjects = (q: Query) => (q.subjects ? `WITH subject AS (${q.subjects})` : "");

function selectSql(q: Query, limit: string): string {
  return `${withSubjects(q)}
    SELECT a.id::text, a.at, a.action, a.entity_type, a.entity_id, a.purpose, a.reason, a.detail, a.session_id,
           host(a.client_address) AS client_address, a.request_id, a.actor_system,
           u.name AS user_name, u.email AS user_email, t.label AS token_label, p.upn
    FROM audit_log a
    LEFT JOIN app_user u ON u.id = a.actor_user_id
    LEFT JOIN api_token t ON t.id = a.actor_token_id
    LEFT JOIN pupil p ON a.entity_type = 'pupil' AND p.authority_id = a.authority_id AND p.id::text = a.entity_id
    WHERE ${q.where.join(" AND ")}
    ORDER BY a.at DESC, a.id DESC ${limit}`;
}

type Row = {
  id: string;
  at: Date;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  purpose: string | null;
  reason: string | null;
  detail: unknown;
  session_id: string | null;
  client_address: string | null;
  request_id: string | null;
  actor_system: string | null;
  user_name: string | null;
  user_email: string | null;
  token_label: string | null;
  upn: string | null;
};

function toView(r: Row): AuditRowView {
  return {
    id: r.id,
    at: r.at,
    who: r.user_email ? `${r.user_name} (${r.user_email})` : `System: ${r.actor_system ?? "unknown"}`,
    token: r.token_label === null ? null : r.token_label || "API token",
    sessionId: r.session_id,
    clientAddress: r.client_address,
    requestId: r.request_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    upn: r.upn,
    purpose: r.purpose,
    reason: r.reason,
    detail: r.detail,
  };
}

/** The WHERE clause for the filters, resolving the pupil, parent and case in the actor's authority. */
async function buildQuery(actor: Actor, search: AuditSearch): Promise<{ query: Query; matched: string | null }> {
  const params: unknown[] = [actor.authorityId];
  const where = ["a.authority_id = $1"];
  const param = (value: unknown) => `$${params.push(value)}`;
  const pool = pgPool();
  let pupilIds: string[] | null = null;
  let matched: string | null = null;

  if (search.upn) {
    const { rows } = await pool.query<{ id: string }>(
      "SELECT id FROM pupil WHERE authority_id = $1 AND (upn = $2 OR former_upn = $2)",
      [actor.authorityId, search.upn],
    );
    if (rows.length === 0) throw new ValidationError({ upn: [`No pupil in ${actor.authorityName} has that UPN`] });
    pupilIds = rows.map((r) => r.id);
  }
  if (search.parent.trim()) {
    const { rows } = await pool.query<{ pupil_id: string; parent_id: string }>(
      `SELECT pp.pupil_id, pp.parent_id FROM parent pa JOIN pupil_parent pp ON pp.authority_id = pa.authority_id AND pp.parent_id = pa.id
       WHERE pa.authority_id = $1 AND (pa.first_name || ' ' || pa.last_name) ILIKE '%' || $2 || '%'`,
      [actor.authorityId, search.parent.trim().replace(/[\\%_]/g, (c) => `\\${c}`)],
    );
    if (rows.length === 0)
      throw new ValidationError({ parent: [`No parent or carer in ${actor.authorityName} has a name like that`] });
    const parents = new Set(rows.map((r) => r.parent_id)).size;
    matched = `${parents} parent${parents === 1 ? "" : "s"} or carer${parents === 1 ? "" : "s"} match "${search.parent.trim()}"`;
    const theirPupils = [...new Set(rows.map((r) => r.pupil_id))];
    pupilIds = pupilIds ? pupilIds.filter((id) => theirPupils.includes(id)) : theirPupils;
  }
  if (search.caseId) {
    const { rows } = await pool.query("SELECT 1 FROM attendance_case WHERE authority_id = $1 AND id = $2", [
      actor.authorityId,
      search.caseId,
    ]);
    if (rows.length === 0)
      throw new ValidationError({ caseId: [`No case in ${actor.authorityName} has that reference`] });
    where.push(
      `((a.entity_type = 'case' AND a.entity_id = ${param(search.caseId)}) OR a.detail->>'caseId' = $${params.length})`,
    );
  }
  let subjects: string | null = null;
  if (pupilIds) {
    params.push(pupilIds);
    subjects = SUBJECT_RECORDS_SQL.replaceAll("$2::uuid[]", `$${params.length}::uuid[]`);
    where.push("(a.entity_type, a.entity_id) IN (SELECT entity_type, entity_id FROM subject)");
  }
  if (search.user) where.push(`a.actor_user_id = ${param(search.user)}`);
  if (search.action) where.push(`a.action = ${param(search.action)}`);
  if (search.from) where.push(`a.at >= (${param(search.from)}::date)::timestamp AT TIME ZONE 'Europe/London'`);
  if (search.to) where.push(`a.at < (${param(search.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/London'`);
  return { query: { where, params, subjects }, matched };
}

/** The authority's users and the actions in its log, for the search form's lists. */
export async function auditSearchChoices(actor: Actor) {
  authorize(actor, "audit.read");
  const pool = pgPool();
  const [users, actions] = await Promise.all([
    pool.query<{ id: string; name: string; email: string }>(
      "SELECT id, name, email FROM app_user WHERE authority_id = $1 ORDER BY name, email",
      [actor.authorityId],
    ),
    pool.query<{ action: string }>("SELECT DISTINCT action FROM audit_log WHERE authority_id = $1 ORDER BY action", [
      actor.authorityId,
    ]),
  ]);
  return { users: users.rows, actions: actions.rows.map((r) => r.action) };
}
