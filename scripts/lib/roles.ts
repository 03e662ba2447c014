// The database roles (ADR 031): the migration role owns the schema; the app connects as a login role that is a
// member of fast_track_runtime (created by the migrations), which may read and write rows and nothing more.
import pg from "pg";

export const RUNTIME_GROUP = "fast_track_runtime";

/** Creates (or updates the password of) a login role in the runtime group, as the migration role. */
export async function ensureRuntimeLogin(ownerUrl: string, name: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    // Roles are cluster-wide, and several processes may start at once.
    await client.query("SELECT pg_advisory_lock(hashtext('fast-track'), hashtext('runtime-login'))");
    const role = client.escapeIdentifier(name);
    const secret = client.escapeLiteral(password);
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name]);
    await client.query(
      rowCount
        ? `ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${secret}`
        : `CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${secret}`,
    );
    await client.query(`GRANT ${RUNTIME_GROUP} TO ${role}`);
  } finally {
    await client.query("SELECT pg_advisory_unlock(hashtext('fast-track'), hashtext('runtime-login'))").catch(() => {});
    await client.end();
  }
}

export type RoleCheck = { user: string; superuser: boolean; ownsSchema: boolean; runtimeMember: boolean };

/** Who the app connects as, for the start banner's warnings. */
export async function checkAppRole(url: string): Promise<RoleCheck> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<RoleCheck>(
      `SELECT current_user AS "user",
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              coalesce((SELECT tableowner = current_user FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_log'), false) AS "ownsSchema",
              coalesce(pg_has_role(current_user, $1, 'MEMBER'), false) AS "runtimeMember"`,
      [RUNTIME_GROUP],
    );
    return rows[0]!;
  } finally {
    await client.end();
  }
}

/** The start banner's warnings about the app's database role (none when it is a plain runtime login). */
export function roleWarnings(check: RoleCheck): string[] {
  const warnings: string[] = [];
  if (check.superuser) {
    warnings.push(
      `WARNING: the app connects to PostgreSQL as "${check.user}", a superuser: it could disable the audit log's triggers and rewrite history. Connect as a member of ${RUNTIME_GROUP} (README: "Using your own PostgreSQL").`,
    );
  } else if (check.ownsSchema) {
    warnings.push(
      `WARNING: the app connects to PostgreSQL as "${check.user}", the owner of the tables: it could change the schema or disable triggers. Set MIGRATION_DATABASE_URL to the owner and DATABASE_URL to a member of ${RUNTIME_GROUP} (README: "Using your own PostgreSQL").`,
    );
  } else if (!check.runtimeMember) {
    warnings.push(
      `WARNING: the app's PostgreSQL role "${check.user}" is not a member of ${RUNTIME_GROUP}, so it may lack the privileges it needs: GRANT ${RUNTIME_GROUP} TO "${check.user}".`,
    );
  }
  return warnings;
}
