/** One line of the table (findSchoolStatistics' shape). */
export type SchoolStatistics = {
  key: string;
  name: string;
  type: "maintained" | "academy" | "other" | null;
  pupils: number;
  unauthorisedRate: number | null;
  persistent: number;
  persistentRate: number | null;
  flags: number;
  cases: number;
  referrals: number;
  penaltyNotices: number;
};

const pct = (v: number | null) => (v === null ? "No sessions" : `${v.toFixed(1)}%`);

/** Each school, then academies beside the other schools and the authority, with the enforcement per school. */
export function SchoolStatisticsTable({
  caption,
  result,
}: {
  caption: string;
  result: { schools: SchoolStatistics[]; groups: SchoolStatistics[] };
}) {
  const num = "govuk-table__cell govuk-table__cell--numeric";
  const head = "govuk-table__header govuk-table__header--numeric";
  const line = (s: SchoolStatistics, group: boolean) => (
    <tr className="govuk-table__row" key={s.key}>
      <th scope="row" className="govuk-table__header">
        {group ? s.name : `${s.name}${s.type === "academy" ? " (academy)" : ""}`}
      </th>
      <td className={num}>{s.pupils}</td>
      <td className={num}>{pct(s.unauthorisedRate)}</td>
      <td className={num}>
        {s.persistent} ({pct(s.persistentRate)})
      </td>
      <td className={num}>{s.flags}</td>
      <td className={num}>{s.cases}</td>
      <td className={num}>{s.penaltyNotices}</td>
      <td className={num}>{s.referrals}</td>
    </tr>
  );
  return (
    <table className="govuk-table">
      <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            School
          </th>
          <th scope="col" className={head}>
            Pupils
          </th>
          <th scope="col" className={head}>
            Unauthorised absence
          </th>
          <th scope="col" className={head}>
            Persistent absentees
          </th>
          <th scope="col" className={head}>
            Flags
          </th>
          <th scope="col" className={head}>
            Cases opened
          </th>
          <th scope="col" className={head}>
            Penalty notices
          </th>
          <th scope="col" className={head}>
            Referrals
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {result.schools.map((s) => line(s, false))}
        {result.groups.map((s) => line(s, true))}
      </tbody>
    </table>
  );
}
