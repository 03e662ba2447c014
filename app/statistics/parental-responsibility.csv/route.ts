import { CENSUS_COLUMNS } from "@/components/statistics/census-columns";
import { PROSECUTION_COLUMNS } from "@/lib/domain/parental-responsibility";
import { academicYearStart } from "@/lib/domain/school-calendar";
import { today } from "@/lib/env";
import { ValidationError } from "@/lib/server/errors";
import { getParentalResponsibility, parseYear } from "@/lib/server/statistics/get-parental-responsibility";
import { csvResponse, downloadActor, notFoundResponse } from "../../attendance/csv-download";

export const dynamic = "force-dynamic";

/**
 * GET /statistics/parental-responsibility.csv?year=YYYY: the return as one row, with the census variables under
 * their own names (the DfE file's time_period, time_identifier, geographic_level, old_la_code and la_name first),
 * then the prosecution figures (fines in pence).
 */
export async function GET(request: Request) {
  const actor = await downloadActor("statistics.read");
  if (!actor) return notFoundResponse();
  const raw = new URL(request.url).searchParams.get("year") ?? String(academicYearStart(today()));
  let year: number;
  try {
    year = parseYear(raw);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return new Response(`${error.message}\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const r = await getParentalResponsibility(actor, year);
  return csvResponse(
    `parental-responsibility-${r.label.replace("/", "-")}.csv`,
    [
      "time_period",
      "time_identifier",
      "geographic_level",
      "old_la_code",
      "la_name",
      ...CENSUS_COLUMNS,
      ...PROSECUTION_COLUMNS,
    ],
    [
      [
        `${year}${String((year + 1) % 100).padStart(2, "0")}`,
        "Academic year",
        "Local authority",
        r.laCode,
        actor.authorityName,
        ...CENSUS_COLUMNS.map((c) => r.census[c]),
        ...PROSECUTION_COLUMNS.map((c) => r.prosecutions[c]),
      ],
    ],
  );
}
