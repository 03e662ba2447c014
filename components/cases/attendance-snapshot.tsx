import { SummaryList } from "@/components/govuk/summary-list";
import { formatUkDate, isIsoDate } from "@/lib/domain/dates";
import { formatPercent } from "./format";

export type Snapshot = {
  from?: string;
  to?: string;
  possible?: number;
  present?: number;
  approvedActivity?: number;
  authorised?: number;
  unauthorised?: number;
  attendanceRate?: number | null;
  persistentAbsence?: boolean;
};

/** The attendance figures a school's flag recorded when it was made. */
export function AttendanceSnapshot({ figures }: { figures: Snapshot | null }) {
  if (!figures || typeof figures.possible !== "number")
    return <p className="govuk-body">No attendance figures were recorded.</p>;
  const period =
    figures.from && figures.to && isIsoDate(figures.from) && isIsoDate(figures.to)
      ? `${formatUkDate(figures.from)} to ${formatUkDate(figures.to)}`
      : "This academic year";
  const rate = typeof figures.attendanceRate === "number" ? Math.round(figures.attendanceRate * 10) / 10 : null;
  return (
    <SummaryList
      rows={[
        { key: "Period", value: period },
        { key: "Possible sessions", value: String(figures.possible) },
        { key: "Attendance", value: formatPercent(rate) },
        { key: "Authorised absences", value: `${figures.authorised ?? 0} sessions` },
        { key: "Unauthorised absences", value: `${figures.unauthorised ?? 0} sessions` },
        { key: "Persistent absence", value: figures.persistentAbsence ? "Yes" : "No" },
      ]}
    />
  );
}
