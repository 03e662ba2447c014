import "server-only";
import type pg from "pg";

// Writing a CTF's pupils, parents, enrolments and summary-only years from its stage tables (the marks are written
// by the register store). Each step notes in ctf_changed the recorded pupils it changed.

/**
 * Creates and updates everything but the marks. A recorded pupil counts as updated when anything of theirs
 * changed: their own details, a parent's details or link, a new enrolment, or a summary year.
 */
export async function writeCtfPupils(
  client: pg.PoolClient,
  authorityId: string,
  importId: string,
): Promise<{ pupilsCreated: number; pupilsUpdated: number }> {
  const created = await writePupilDetails(client, authorityId);
  await writeParents(client, authorityId);
  await writeParentLinks(client, authorityId);
  await writeEnrolments(client, authorityId);
  await writeSummaryYears(client, authorityId, importId);
  await writeCharacteristics(client, authorityId, importId);
  const {
    rows: [updated],
  } = await client.query<{ n: string }>(
    `SELECT count(DISTINCT x.pupil_id) AS n FROM ctf_changed x JOIN ctf_pupil c ON c.pupil_id = x.pupil_id WHERE NOT c.created`,
  );
  return { pupilsCreated: created, pupilsUpdated: Number(updated!.n) };
}

/** New pupils (with the store keys resolveCtf gave them), and recorded pupils' details. Returns how many new. */
async function writePupilDetails(client: pg.PoolClient, authorityId: string): Promise<number> {
  const created = await client.query(
    `INSERT INTO pupil (id, authority_id, store_key, upn, upn_temporary, former_upn, first_name, middle_names, last_name, date_of_birth, sex)
     SELECT pupil_id, $1, pupil_key, upn, upn_temporary, former_upn, first_name, middle_names, last_name, date_of_birth, sex
     FROM ctf_pupil WHERE created`,
    [authorityId],
  );
  // A pupil whose UPN changes (a temporary UPN replaced) keeps the old one as former UPN, unless the file names one.
  await client.query(
    `WITH next AS (
       SELECT c.pupil_id, c.upn, c.upn_temporary,
         CASE WHEN c.former_upn IS NOT NULL THEN c.former_upn WHEN p.upn <> c.upn THEN p.upn ELSE p.former_upn END AS former_upn,
         c.first_name, coalesce(c.middle_names, p.middle_names) AS middle_names, c.last_name, c.date_of_birth, c.sex
       FROM ctf_pupil c JOIN pupil p ON p.authority_id = $1 AND p.id = c.pupil_id WHERE NOT c.created
     ), changed AS (
       UPDATE pupil p SET upn = n.upn, upn_temporary = n.upn_temporary, former_upn = n.former_upn, first_name = n.first_name,
         middle_names = n.middle_names, last_name = n.last_name, date_of_birth = n.date_of_birth, sex = n.sex, updated_at = now()
       FROM next n
       WHERE p.authority_id = $1 AND p.id = n.pupil_id
         AND (p.upn, p.upn_temporary, p.former_upn, p.first_name, p.middle_names, p.last_name, p.date_of_birth, p.sex)
             IS DISTINCT FROM (n.upn, n.upn_temporary, n.former_upn, n.first_name, n.middle_names, n.last_name, n.date_of_birth, n.sex)
       RETURNING p.id
     )
     INSERT INTO ctf_changed SELECT id FROM changed`,
    [authorityId],
  );

  return created.rowCount ?? 0;
}

/** Parents: matched to the pupil's recorded parents by name, or created. */
async function writeParents(client: pg.PoolClient, authorityId: string): Promise<void> {
  // Parents: a contact is the parent already linked to the pupil with the same forename and surname, if any.
  // The recorded parents are read first, then matched: Citus cannot correlate a temporary table's rows with a
  // distributed table's (ADR 071).
  await client.query(
    `WITH recorded AS MATERIALIZED (
       SELECT pp.pupil_id, pa.id, lower(btrim(pa.first_name)) AS first_name, lower(btrim(pa.last_name)) AS last_name,
         pa.created_at
       FROM pupil_parent pp JOIN parent pa ON pa.authority_id = pp.authority_id AND pa.id = pp.parent_id
       WHERE pp.authority_id = $1 AND pp.pupil_id IN (SELECT pupil_id FROM ctf_pupil WHERE NOT created)
     )
     UPDATE ctf_contact k SET parent_id = (
       SELECT r.id FROM recorded r
       WHERE r.pupil_id = c.pupil_id AND r.first_name = lower(k.first_name) AND r.last_name = lower(k.last_name)
       ORDER BY r.created_at, r.id LIMIT 1)
     FROM ctf_pupil c WHERE c.pupil_no = k.pupil_no AND NOT c.created`,
    [authorityId],
  );
  await client.query("UPDATE ctf_contact SET parent_id = gen_random_uuid(), new_parent = true WHERE parent_id IS NULL");
  // A matched parent takes the file's address when it gives one, and its title, phone and email where given.
  await client.query(
    `WITH next AS (
       SELECT k.pupil_no, pa.id,
         coalesce(k.title, pa.title) AS title,
         CASE WHEN k.has_address THEN k.address_line1 ELSE pa.address_line1 END AS address_line1,
         CASE WHEN k.has_address THEN k.address_line2 ELSE pa.address_line2 END AS address_line2,
         CASE WHEN k.has_address THEN k.town ELSE pa.town END AS town,
         CASE WHEN k.has_address THEN k.postcode ELSE pa.postcode END AS postcode,
         coalesce(k.phone, pa.phone) AS phone, coalesce(k.email, pa.email) AS email
       FROM ctf_contact k JOIN parent pa ON pa.authority_id = $1 AND pa.id = k.parent_id WHERE NOT k.new_parent
         AND (pa.title, pa.address_line1, pa.address_line2, pa.town, pa.postcode, pa.phone, pa.email) IS DISTINCT FROM
             (coalesce(k.title, pa.title),
              CASE WHEN k.has_address THEN k.address_line1 ELSE pa.address_line1 END,
              CASE WHEN k.has_address THEN k.address_line2 ELSE pa.address_line2 END,
              CASE WHEN k.has_address THEN k.town ELSE pa.town END,
              CASE WHEN k.has_address THEN k.postcode ELSE pa.postcode END,
              coalesce(k.phone, pa.phone), coalesce(k.email, pa.email))
     ), changed AS (
       UPDATE parent pa SET title = n.title, address_line1 = n.address_line1, address_line2 = n.address_line2, town = n.town,
         postcode = n.postcode, phone = n.phone, email = n.email, updated_at = now()
       FROM (SELECT DISTINCT ON (id) * FROM next ORDER BY id, pupil_no DESC) n WHERE pa.authority_id = $1 AND pa.id = n.id
       RETURNING pa.id
     )
     INSERT INTO ctf_changed SELECT c.pupil_id FROM next JOIN ctf_pupil c USING (pupil_no)`,
    [authorityId],
  );
  await client.query(
    `INSERT INTO parent (id, authority_id, title, first_name, last_name, address_line1, address_line2, town, postcode, phone, email)
     SELECT parent_id, $1, title, first_name, last_name, address_line1, address_line2, town, postcode, phone, email
     FROM ctf_contact WHERE new_parent`,
    [authorityId],
  );
  // Links: what the file leaves out (relationship code, Responsibility, any address) keeps what is recorded.
}

/** Links between pupils and parents. */
async function writeParentLinks(client: pg.PoolClient, authorityId: string): Promise<void> {
  await client.query(
    `WITH link AS MATERIALIZED (
       SELECT c.pupil_id, k.parent_id, k.relationship, k.parental_responsibility, k.lives_with_pupil
       FROM ctf_contact k JOIN ctf_pupil c USING (pupil_no)
     ), recorded AS MATERIALIZED (
       SELECT pp.pupil_id, pp.parent_id FROM pupil_parent pp
       WHERE pp.authority_id = $1 AND pp.pupil_id IN (SELECT pupil_id FROM link)
     ), changed AS (
       UPDATE pupil_parent pp SET relationship = coalesce(k.relationship, pp.relationship),
         parental_responsibility = coalesce(k.parental_responsibility, pp.parental_responsibility),
         lives_with_pupil = coalesce(k.lives_with_pupil, pp.lives_with_pupil)
       FROM link k
       WHERE pp.authority_id = $1 AND pp.pupil_id = k.pupil_id AND pp.parent_id = k.parent_id
         AND (pp.relationship, pp.parental_responsibility, pp.lives_with_pupil) IS DISTINCT FROM
             (coalesce(k.relationship, pp.relationship), coalesce(k.parental_responsibility, pp.parental_responsibility),
              coalesce(k.lives_with_pupil, pp.lives_with_pupil))
       RETURNING pp.pupil_id
     ), added AS (
       INSERT INTO pupil_parent (pupil_id, parent_id, authority_id, relationship, parental_responsibility, lives_with_pupil)
       SELECT k.pupil_id, k.parent_id, $1, coalesce(k.relationship, 'other'), coalesce(k.parental_responsibility, false),
         coalesce(k.lives_with_pupil, false)
       FROM link k
       WHERE NOT EXISTS (SELECT 1 FROM recorded r WHERE r.pupil_id = k.pupil_id AND r.parent_id = k.parent_id)
       RETURNING pupil_id
     )
     INSERT INTO ctf_changed SELECT pupil_id FROM changed UNION ALL SELECT pupil_id FROM added`,
    [authorityId],
  );
}

/** The enrolments planned by resolveCtf. */
async function writeEnrolments(client: pg.PoolClient, authorityId: string): Promise<void> {
  await client.query(
    `WITH added AS (
       INSERT INTO enrolment (authority_id, pupil_id, school_id, start_date, year_group)
       SELECT $1, pupil_id, school_id, start_date, year_group FROM ctf_enrol_plan
       ON CONFLICT (authority_id, pupil_id, school_id, start_date) DO NOTHING
       RETURNING pupil_id
     )
     INSERT INTO ctf_changed SELECT pupil_id FROM added`,
    [authorityId],
  );
}

/** Summary-only years, kept as history. */
async function writeSummaryYears(client: pg.PoolClient, authorityId: string, importId: string): Promise<void> {
  await client.query(
    `WITH upserted AS (
       INSERT INTO attendance_year_summary AS y (authority_id, pupil_id, academic_year, la_code, estab_number, school_name, school_id,
         sessions_possible, sessions_authorised, sessions_attended, sessions_unauthorised, import_id)
       SELECT $1, c.pupil_id, k.academic_year, k.la_code, k.estab_number, k.school_name, k.school_id,
         k.possible, k.authorised, k.attended, k.unauthorised, $2
       FROM ctf_year k JOIN ctf_pupil c USING (pupil_no)
       ON CONFLICT ON CONSTRAINT attendance_year_summary_one_per_school_year DO UPDATE SET
         school_name = coalesce(nullif(EXCLUDED.school_name, ''), y.school_name), school_id = EXCLUDED.school_id,
         sessions_possible = EXCLUDED.sessions_possible, sessions_authorised = EXCLUDED.sessions_authorised,
         sessions_attended = EXCLUDED.sessions_attended, sessions_unauthorised = EXCLUDED.sessions_unauthorised,
         import_id = EXCLUDED.import_id, updated_at = EXCLUDED.updated_at
       WHERE (y.school_name, y.school_id, y.sessions_possible, y.sessions_authorised, y.sessions_attended, y.sessions_unauthorised)
         IS DISTINCT FROM (coalesce(nullif(EXCLUDED.school_name, ''), y.school_name), EXCLUDED.school_id, EXCLUDED.sessions_possible,
           EXCLUDED.sessions_authorised, EXCLUDED.sessions_attended, EXCLUDED.sessions_unauthorised)
       RETURNING pupil_id
     )
     INSERT INTO ctf_changed SELECT pupil_id FROM upserted`,
    [authorityId, importId],
  );
}

/**
 * SEN provision and FSM eligibility (pupil_characteristics): what the file says replaces what is recorded; what it
 * says nothing about (no SENhistory, or no FSMhistory) is kept.
 */
async function writeCharacteristics(client: pg.PoolClient, authorityId: string, importId: string): Promise<void> {
  await client.query(
    `WITH next AS MATERIALIZED (
       SELECT c.pupil_id, k.has_sen, k.sen_provision, k.sen_since, k.has_fsm, k.fsm_eligible, k.fsm_since
       FROM ctf_traits k JOIN ctf_pupil c USING (pupil_no)
     ), recorded AS MATERIALIZED (
       SELECT pc.pupil_id FROM pupil_characteristics pc
       WHERE pc.authority_id = $1 AND pc.pupil_id IN (SELECT pupil_id FROM next)
     ), changed AS (
       UPDATE pupil_characteristics pc SET
         sen_provision = CASE WHEN n.has_sen THEN n.sen_provision ELSE pc.sen_provision END,
         sen_since = CASE WHEN n.has_sen THEN n.sen_since ELSE pc.sen_since END,
         fsm_eligible = CASE WHEN n.has_fsm THEN n.fsm_eligible ELSE pc.fsm_eligible END,
         fsm_since = CASE WHEN n.has_fsm THEN n.fsm_since ELSE pc.fsm_since END,
         import_id = $2, updated_at = now()
       FROM next n
       WHERE pc.authority_id = $1 AND pc.pupil_id = n.pupil_id
         AND (pc.sen_provision, pc.sen_since, pc.fsm_eligible, pc.fsm_since) IS DISTINCT FROM
             (CASE WHEN n.has_sen THEN n.sen_provision ELSE pc.sen_provision END,
              CASE WHEN n.has_sen THEN n.sen_since ELSE pc.sen_since END,
              CASE WHEN n.has_fsm THEN n.fsm_eligible ELSE pc.fsm_eligible END,
              CASE WHEN n.has_fsm THEN n.fsm_since ELSE pc.fsm_since END)
       RETURNING pc.pupil_id
     ), added AS (
       INSERT INTO pupil_characteristics (authority_id, pupil_id, sen_provision, sen_since, fsm_eligible, fsm_since, import_id)
       SELECT $1, n.pupil_id, n.sen_provision, n.sen_since, n.fsm_eligible, n.fsm_since, $2 FROM next n
       WHERE NOT EXISTS (SELECT 1 FROM recorded r WHERE r.pupil_id = n.pupil_id)
       RETURNING pupil_id
     )
     INSERT INTO ctf_changed SELECT pupil_id FROM changed UNION ALL SELECT pupil_id FROM added`,
    [authorityId, importId],
  );
}
