import { TableScroll } from "@/components/govuk/table-scroll";
import { CATEGORY_LABELS, CATEGORIES, lookupCode, type Category } from "@/lib/domain/attendance-codes";
import { formatUkDate } from "@/lib/domain/dates";
import styles from "./register-grid.module.scss";

export type GridMark = { code: string; category: Category };
export type GridWeek = { weekStart: string; days: { date: string; am: GridMark | null; pm: GridMark | null }[] };

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"] as const;
const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] as const;

/** Codes shown in the key beside each category, as examples. */
const KEY_EXAMPLES: Record<Category, string> = {
  present: "/ \\ L",
  approved_activity: "K V P W B",
  authorised: "I M C E R",
  unauthorised: "G N O U",
  not_possible: "# X Y1–Y7 Z",
};

/**
 * A pupil's register week by week, Monday to Friday, AM and PM, as a table: each cell shows the code itself and
 * a colour for its category (colour is never the only signal), with a key. Screen readers hear the code and its
 * category for each cell.
 */
export function RegisterGrid({ weeks, caption }: { weeks: GridWeek[]; caption: string }) {
  return (
    <>
      <RegisterKey />
      <div className={styles.scroll}>
        <TableScroll label="Register marks">
          <table className={`govuk-table ${styles.grid}`}>
            <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Week
                </th>
                {DAYS.flatMap((day, i) =>
                  ["AM", "PM"].map((session) => (
                    <th scope="col" className={`govuk-table__header ${styles.cell}`} key={`${day}-${session}`}>
                      <span aria-hidden="true">
                        {day} {session}
                      </span>
                      <span className="govuk-visually-hidden">
                        {DAY_NAMES[i]} {session === "AM" ? "morning" : "afternoon"}
                      </span>
                    </th>
                  )),
                )}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {weeks.map((week) => (
                <tr className="govuk-table__row" key={week.weekStart}>
                  <th scope="row" className="govuk-table__header">
                    Week commencing {formatUkDate(week.weekStart)}
                  </th>
                  {week.days.flatMap((day) => [
                    <MarkCell key={`${day.date}-am`} mark={day.am} date={day.date} />,
                    <MarkCell key={`${day.date}-pm`} mark={day.pm} date={day.date} />,
                  ])}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </>
  );
}

function MarkCell({ mark, date }: { mark: GridMark | null; date: string }) {
  if (!mark) {
    return (
      <td className={`govuk-table__cell ${styles.cell} ${styles.empty}`}>
        <span aria-hidden="true">–</span>
        <span className="govuk-visually-hidden">No mark</span>
      </td>
    );
  }
  const meaning = lookupCode(mark.code, date)?.meaning;
  return (
    <td className={`govuk-table__cell ${styles.cell}`} data-category={mark.category}>
      <span className={`${styles.mark} ${styles[mark.category]}`} title={meaning}>
        {mark.code}
      </span>
      <span className="govuk-visually-hidden">, {CATEGORY_LABELS[mark.category].toLowerCase()}</span>
    </td>
  );
}

/** The key to the grid's colours: every category with its colour and example codes. */
export function RegisterKey() {
  return (
    <>
      <h3 className="govuk-heading-s">Key</h3>
      <ul className={`govuk-body-s ${styles.key}`}>
        {CATEGORIES.map((category) => (
          <li className={styles.keyItem} key={category}>
            <span className={`${styles.mark} ${styles[category]}`} aria-hidden="true">
              {KEY_EXAMPLES[category].split(" ")[0]}
            </span>
            <span>
              {CATEGORY_LABELS[category]} (codes {KEY_EXAMPLES[category]})
            </span>
          </li>
        ))}
        <li className={styles.keyItem}>
          <span className={`${styles.mark} ${styles.empty}`} aria-hidden="true">
            –
          </span>
          <span>No mark (not a school day, or no register received)</span>
        </li>
      </ul>
    </>
  );
}
