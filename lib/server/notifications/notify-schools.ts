import "server-only";
// Notifications to school staff (issue 15, "Schools kept in the loop"): when their flag is decided, when the case it
// opened starts its Fast Track window, and when the window is decided. Written on whichever client holds the
// transaction (a Prisma transaction or the daily job's pg client, through queryable), in the same transaction as the
// change they report. Only enabled school staff of the school concerned are told, and for a case only while the
// pupil is on roll there (the school's view of the case is out of their scope otherwise).
import { queryable, type DbClient } from "../queryable";

export type SchoolNotice = {
  authorityId: string;
  caseId: string;
  kind: "window_started" | "window_decided";
  message: string;
  /** The day the pupil must be on roll at the school (the service's today). */
  onDay: string;
};

/** Tells every enabled staff member of each school whose flag is on the case (accepted or merged into it), while
 * the pupil is on roll at that school on `onDay`. One notification per person per case and kind. One statement per
 * authority, each naming it as a value: on Citus that statement goes to the authority's shard group alone (joined
 * only on each row's authority, it went to every shard; ADR 075). */
export async function notifyCaseSchools(client: DbClient, notices: readonly SchoolNotice[], at: Date): Promise<void> {
  const byAuthority = new Map<string, SchoolNotice[]>();
  for (const n of notices) byAuthority.set(n.authorityId, [...(byAuthority.get(n.authorityId) ?? []), n]);
  for (const [authorityId, group] of byAuthority) {
    await queryable(client).query(
      `INSERT INTO notification (authority_id, user_id, case_id, kind, message, created_at)
       SELECT DISTINCT ON (u.id, x.case_id, x.kind) $3::uuid, u.id, x.case_id, x.kind, x.message, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, kind text, message text, on_day date)
       JOIN attendance_case c ON c.authority_id = $3::uuid AND c.id = x.case_id
       JOIN case_flag f ON f.authority_id = $3::uuid AND f.case_id = x.case_id AND f.status IN ('accepted', 'merged')
       JOIN enrolment e ON e.authority_id = $3::uuid AND e.pupil_id = c.pupil_id AND e.school_id = f.school_id
                       AND e.start_date <= x.on_day AND (e.end_date IS NULL OR e.end_date >= x.on_day)
       JOIN app_user u ON u.authority_id = $3::uuid AND u.school_id = f.school_id AND u.role = 'school'
                      AND NOT u.disabled
       ORDER BY u.id, x.case_id, x.kind`,
      [
        JSON.stringify(group.map((n) => ({ case_id: n.caseId, kind: n.kind, message: n.message, on_day: n.onDay }))),
        at.toISOString(),
        authorityId,
      ],
    );
  }
}

/** Tells every enabled staff member of the flag's school that it was decided (accepted, declined or merged). */
export async function notifyFlagSchool(
  client: DbClient,
  notice: {
    authorityId: string;
    schoolId: string;
    caseId: string | null;
    kind: "flag_accepted" | "flag_declined" | "flag_merged";
    message: string;
  },
  at: Date,
): Promise<void> {
  await queryable(client).query(
    `INSERT INTO notification (authority_id, user_id, case_id, kind, message, created_at)
     SELECT $1::uuid, u.id, $3::uuid, $4, $5, $6::timestamptz
     FROM app_user u
     WHERE u.authority_id = $1::uuid AND u.school_id = $2::uuid AND u.role = 'school' AND NOT u.disabled`,
    [notice.authorityId, notice.schoolId, notice.caseId, notice.kind, notice.message, at.toISOString()],
  );
}
