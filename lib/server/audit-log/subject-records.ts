import "server-only";

/**
 * SQL for the records about a set of pupils, as (entity_type, entity_id) pairs the way audit rows name them: the
 * pupils themselves, their cases, flags, and what hangs off their cases (referrals, penalty notices, letters,
 * tasks). Audit rows about any of them are accesses to those children's records (and to their parents' details,
 * which every one of those pages shows). $1 is the authority id, $2 the pupil ids (uuid[]).
 */
export const SUBJECT_RECORDS_SQL = `
  SELECT 'pupil'::text AS entity_type, p.id::text AS entity_id FROM pupil p
    WHERE p.authority_id = $1 AND p.id = ANY($2::uuid[])
  UNION ALL SELECT 'case', c.id::text FROM attendance_case c WHERE c.authority_id = $1 AND c.pupil_id = ANY($2::uuid[])
  UNION ALL SELECT 'flag', f.id::text FROM case_flag f WHERE f.authority_id = $1 AND f.pupil_id = ANY($2::uuid[])
  UNION ALL SELECT 'referral', r.id::text FROM prosecution_referral r
    JOIN attendance_case c ON c.id = r.case_id AND c.authority_id = r.authority_id
    WHERE r.authority_id = $1 AND c.pupil_id = ANY($2::uuid[])
  UNION ALL SELECT 'penalty_notice', n.id::text FROM penalty_notice n
    JOIN attendance_case c ON c.id = n.case_id AND c.authority_id = n.authority_id
    WHERE n.authority_id = $1 AND c.pupil_id = ANY($2::uuid[])
  UNION ALL SELECT 'case_letter', l.id::text FROM case_letter l
    JOIN attendance_case c ON c.id = l.case_id AND c.authority_id = l.authority_id
    WHERE l.authority_id = $1 AND c.pupil_id = ANY($2::uuid[])
  UNION ALL SELECT 'task', t.id::text FROM case_task t
    JOIN attendance_case c ON c.id = t.case_id AND c.authority_id = t.authority_id
    WHERE t.authority_id = $1 AND c.pupil_id = ANY($2::uuid[])`;
