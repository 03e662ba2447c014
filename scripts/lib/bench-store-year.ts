// The Kent-scale benchmark's set-up (`npm run bench -- kent`): a school year of marks written through the register
// store's first-load writer (YearLoad: binary COPY into a new year table, its key built after, attached as the
// year's partition, the summaries counted as the marks pass and written in bulk), in one import transaction with
// its import record, exactly as a first load of a register CSV writes them. What it skips is the CSV reader: the
// marks are generated as the store's rows, not written out as 2.7 GB of CSV and parsed back line by line. So the
// set-up's time is not the importer's; the one-day file after it goes through the real importer.
import { createHash } from "node:crypto";
import { academicYearStart } from "../../lib/domain/school-calendar";
import { codeIdOn } from "../../lib/domain/attendance-codes";
import { epochDay } from "../../lib/domain/register-tally";
import { seededRng } from "../../prisma/factories";

/** Loads `days` of marks for every pupil (same codes, same mix as the benchmark's register CSV for the same seed). */
export async function loadYearThroughStore(
  authorityId: string,
  upns: readonly string[],
  days: readonly string[],
  seed: number,
  log: (line: string) => void,
): Promise<{ marks: number }> {
  const { inImportTransaction } = await import("../../lib/server/attendance/import-transaction");
  const { loadRoster } = await import("../../lib/server/attendance/register-roster");
  const { openImportRecord, closeImportRecord } = await import("../../lib/server/register-store/import-record");
  const { openMarkStore, saveMarks } = await import("../../lib/server/register-store/save-marks");
  const { loadSchoolWeeks } = await import("../../lib/server/register-store/school-weeks");
  const { CopyQueue } = await import("../../lib/server/register-store/copy-queue");
  const { YearLoad } = await import("../../lib/server/register-store/year-load");
  const year = academicYearStart(days[0]!);
  if (days.some((d) => academicYearStart(d) !== year)) throw new Error("The set-up loads one academic year");
  const dayInfo = days.map((date) => ({
    date,
    day: epochDay(date),
    codes: { N: codeIdOn("N", date)!, I: codeIdOn("I", date)!, AM: codeIdOn("/", date)!, PM: codeIdOn("\\", date)! },
  }));
  let marks = 0;
  const outcome = await inImportTransaction(authorityId, async (client) => {
    const roster = await loadRoster(client, authorityId, null);
    const importId = await openImportRecord(client, {
      authorityId,
      schoolId: null,
      uploadedBy: null,
      source: "csv",
      filename: "bench-kent-set-up",
    });
    await openMarkStore(client);
    const load = await YearLoad.open(client, new CopyQueue(client), {
      authorityId,
      year,
      importId,
      schoolKeys: roster.schools.map((s) => s.key),
    });
    const rng = seededRng(seed);
    let line = 1;
    for (const upn of upns) {
      const pupil = roster.pupils.get(upn);
      if (!pupil) throw new Error(`Pupil ${upn} is not on the roster`);
      const school = pupil.enrolments[0]!.school;
      const absentee = rng() < 0.06;
      for (const d of dayInfo) {
        for (const session of [0, 1] as const) {
          const r = rng();
          const codeId =
            r < (absentee ? 0.08 : 0.01)
              ? d.codes.N
              : r < (absentee ? 0.2 : 0.05)
                ? d.codes.I
                : session === 0
                  ? d.codes.AM
                  : d.codes.PM;
          const fresh = load.add({
            line: ++line,
            pupilIndex: pupil.index,
            pupilKey: pupil.key,
            schoolIndex: school.index,
            schoolKey: school.key,
            day: d.day,
            date: d.date,
            session,
            codeId,
          });
          if (!fresh) throw new Error(`A repeated mark at generated line ${line}`);
          marks++;
        }
      }
      if (pupil.index % 1000 === 999) await load.flush();
      if (pupil.index % 20_000 === 19_999) log(`set-up: ${marks} marks written`);
    }
    const weeks = await loadSchoolWeeks(client, authorityId);
    const written = await load.finish(weeks.ordinals, weeks.calendarYears);
    const counts = await saveMarks(client, {
      authorityId,
      importId,
      changedBy: null,
      at: new Date(),
      staged: 0,
      written,
    });
    const all = { ...counts, pupilsCreated: 0, pupilsUpdated: 0 };
    await closeImportRecord(client, {
      authorityId,
      importId,
      sha256: createHash("sha256").update(`bench-kent-set-up ${seed}`).digest("hex"),
      counts: all,
    });
    return { ok: true as const, importId, counts: all };
  });
  if (!outcome.ok) throw new Error("The set-up's load was refused");
  return { marks };
}
