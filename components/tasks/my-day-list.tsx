import Link from "next/link";
import { Tag } from "@/components/govuk/tag";
import { formatTaskTime, markDoneHref } from "@/lib/domain/tasks";
import type { MyDay, MyDayItem } from "@/lib/domain/my-day";
import { formatUkDateWithDay } from "./format";

const SECTION_TITLES = {
  overdue: "Overdue",
  today: "Today",
  upcoming: "Coming up in the next 7 days",
} as const;

const KIND_TAGS: Record<MyDayItem["kind"], { text: string; colour: "blue" | "orange" | "red" | "purple" } | null> = {
  task: null,
  window_ending: { text: "Window ending", colour: "orange" },
  decision_due: { text: "Decision due", colour: "red" },
  referral_returned: { text: "Referral sent back", colour: "purple" },
};

/**
 * My day's three sections. Each line says when, what and for whom, links to the case, and (for a task the user may
 * change) to mark it done or give it to someone else. With `selectable`, a task the user may change has a checkbox
 * named taskIds, for the bulk reassign form around the list.
 */
export function MyDayList({ day, selectable }: { day: MyDay; selectable: boolean }) {
  const team = day.view === "team";
  return (
    <>
      {(["overdue", "today", "upcoming"] as const).map((section) => (
        <section key={section} aria-labelledby={`my-day-${section}`} className="govuk-!-margin-bottom-6">
          <h2 className="govuk-heading-m" id={`my-day-${section}`}>
            {SECTION_TITLES[section]}{" "}
            <span className="govuk-caption-m govuk-!-display-inline">({day.counts[section]})</span>
          </h2>
          {day.sections[section].length === 0 ? (
            <p className="govuk-body">
              Nothing {section === "overdue" ? "overdue" : section === "today" ? "for today" : "coming up"}.
            </p>
          ) : (
            <ul className="govuk-list app-my-day">
              {day.sections[section].map((item) => (
                <li key={item.key} className="app-my-day__item">
                  <div className="app-my-day__when">
                    {section === "today" ? "" : `${formatUkDateWithDay(item.date)}${item.time ? ", " : ""}`}
                    {item.time ? formatTaskTime(item.time) : section === "today" ? "Any time" : ""}
                  </div>
                  <div className="app-my-day__what">
                    {selectable && item.task?.mayChange && (
                      <div
                        className="govuk-checkboxes govuk-checkboxes--small app-my-day__select"
                        data-module="govuk-checkboxes"
                      >
                        <div className="govuk-checkboxes__item">
                          <input
                            className="govuk-checkboxes__input"
                            id={`select-${item.task.id}`}
                            name="taskIds"
                            type="checkbox"
                            value={item.task.id}
                          />
                          <label className="govuk-label govuk-checkboxes__label" htmlFor={`select-${item.task.id}`}>
                            <span className="govuk-visually-hidden">
                              Select {item.label} for {item.pupil}
                            </span>
                          </label>
                        </div>
                      </div>
                    )}
                    <p className="govuk-body govuk-!-margin-bottom-1">
                      <strong>{item.label}</strong>
                      {KIND_TAGS[item.kind] && (
                        <>
                          {" "}
                          <Tag colour={KIND_TAGS[item.kind]!.colour}>{KIND_TAGS[item.kind]!.text}</Tag>
                        </>
                      )}
                      {": "}
                      <Link className="govuk-link" href={`/cases/${item.caseId}`}>
                        {item.pupil}
                      </Link>{" "}
                      <span className="govuk-body-s">(UPN {item.upn})</span>
                    </p>
                    {item.detail && <p className="govuk-body-s govuk-!-margin-bottom-1">{item.detail}</p>}
                    {team && (
                      <p className="govuk-body-s govuk-!-margin-bottom-1">Officer: {item.officer || "not assigned"}</p>
                    )}
                    {item.task?.mayChange && (
                      <p className="govuk-body-s govuk-!-margin-bottom-0">
                        <Link
                          className="govuk-link"
                          href={markDoneHref({ id: item.task.id, kind: item.task.kind, caseId: item.caseId })}
                        >
                          Mark as done
                          <span className="govuk-visually-hidden">
                            : {item.label} for {item.pupil}
                          </span>
                        </Link>
                        {" · "}
                        <Link className="govuk-link" href={`/tasks/${item.task.id}/reassign`}>
                          Reassign
                          <span className="govuk-visually-hidden">
                            : {item.label} for {item.pupil}
                          </span>
                        </Link>
                      </p>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
