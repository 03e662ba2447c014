// The register store's two ways in (ADR 050) must agree: a first load (marks COPYed into a new year's table,
// summaries counted in Node) and an incremental load (staged, diffed, summarised in SQL) of the same marks leave
// the same summaries. And a first load keeps every guarantee of the incremental path: a mark given twice is
// reported with the line it repeats, and a refused file leaves nothing behind, not even the year's table.
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { addDays } from "@/lib/domain/dates";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { ownerPool, rawPool, testDb } from "@/tests/db";
import { importRegisterCsv, type ImportOutcome } from "../attendance/import-register";

type World = Awaited<ReturnType<typeof makeWorld>>;

/** An authority with two schools, four pupils from 1 September 2026 and a calendar of 14 school weeks. */
async function makeWorld() {
  const authority = await makeAuthority(testDb);
  const schools = [await makeSchool(testDb, authority), await makeSchool(testDb, authority)];
  const pupils = await Promise.all(
    [0, 0, 0, 1].map((s) => makePupil(testDb, { authority, school: schools[s]!, enrolledOn: "2026-09-01" })),
  );
  // 1 September 2026 is a Tuesday: the first school week began on Monday 31 August, in the year before.
  for (let i = 0; i < 14; i++) {
    await rawPool.query(
      "INSERT INTO school_week (authority_id, week_start, ordinal, school_days) VALUES ($1, $2, $3, 5)",
      [authority.id, addDays("2026-08-31", 7 * i), i + 1],
    );
  }
  return { authority, schools, pupils };
}

/** Weekday marks from 1 September to 27 November 2026, with absences of every kind. */
function marks(world: World): string[] {
  const lines: string[] = [];
  const codes = ["/", "N", "I", "/", "G", "/", "O", "#", "/", "U", "/", "M"];
  world.pupils.forEach((p, i) => {
    let n = i * 5;
    for (let d = "2026-09-01"; d <= "2026-11-27"; d = addDays(d, 1)) {
      const day = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (day === 0 || day === 6) continue;
      for (const session of ["AM", "PM"]) {
        const code = codes[n++ % codes.length]!;
        lines.push(`${p.upn},${d},${session},${code === "/" && session === "PM" ? "\\" : code}`);
      }
    }
  });
  return lines;
}

const load = (world: World, lines: string[]) =>
  importRegisterCsv({
    actor: { system: "cli", authorityId: world.authority.id },
    input: Readable.from([["upn,date,session,code", ...lines].join("\n")]),
  });

const ok = (outcome: ImportOutcome) => {
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors.slice(0, 3)));
  return outcome.counts;
};

/** Every summary row of an authority, by UPN and URN rather than store keys, in a stable order. */
async function summaries(world: World) {
  const q = async (sql: string) => (await rawPool.query(sql, [world.authority.id])).rows;
  return {
    schoolDays: await q(`SELECT s.urn, d.date::text, d.possible, d.present, d.approved_activity, d.authorised,
        d.unauthorised FROM attendance_school_day d JOIN school s ON s.authority_id = d.authority_id
        AND s.store_key = d.school_key WHERE d.authority_id = $1 ORDER BY 1, 2`),
    authorityDays: await q(`SELECT date::text, possible, present, approved_activity, authorised, unauthorised
        FROM attendance_authority_day WHERE authority_id = $1 ORDER BY 1`),
    pupilWeeks: await q(`SELECT p.upn, w.week_start::text, w.possible, w.present, w.approved_activity, w.authorised,
        w.unauthorised, w.penalty_unauthorised FROM attendance_pupil_week w JOIN pupil p
        ON p.authority_id = w.authority_id AND p.store_key = w.pupil_key WHERE w.authority_id = $1 ORDER BY 1, 2`),
    pupilYears: await q(`SELECT p.upn, y.academic_year, y.possible, y.present, y.approved_activity, y.authorised,
        y.unauthorised, y.max_penalty_10_weeks, y.threshold_week_start::text, y.at_risk FROM attendance_pupil_year y
        JOIN pupil p ON p.authority_id = y.authority_id AND p.store_key = y.pupil_key
        WHERE y.authority_id = $1 ORDER BY 1, 2`),
  };
}

/** The same summaries with each world's own UPNs and URNs replaced by their position, so two worlds compare. */
async function comparable(world: World) {
  const upn = new Map(world.pupils.map((p, i) => [p.upn, `pupil ${i}`]));
  const urn = new Map(world.schools.map((s, i) => [s.urn, `school ${i}`]));
  const s = await summaries(world);
  // Sorted again after renaming: the two worlds' UPNs and URNs need not sort in the same order.
  const sorted = <T>(rows: T[]) => rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    schoolDays: sorted(s.schoolDays.map((r) => ({ ...r, urn: urn.get(r.urn) }))),
    authorityDays: s.authorityDays,
    pupilWeeks: sorted(s.pupilWeeks.map((r) => ({ ...r, upn: upn.get(r.upn) }))),
    pupilYears: sorted(s.pupilYears.map((r) => ({ ...r, upn: upn.get(r.upn) }))),
  };
}

describe("the register store", () => {
  it("leaves the same summaries after a first load as after an incremental load of the same marks", async () => {
    const first = await makeWorld();
    const all = marks(first);
    expect(ok(await load(first, all))).toMatchObject({ marksCreated: all.length, marksUpdated: 0 });

    const incremental = await makeWorld();
    const lines = marks(incremental);
    // One mark makes the year's table (a first load); then every mark goes the incremental way.
    ok(await load(incremental, lines.slice(0, 1)));
    expect(ok(await load(incremental, lines))).toMatchObject({
      marksCreated: lines.length - 1,
      marksUnchanged: 1,
    });

    const a = await comparable(first);
    const b = await comparable(incremental);
    expect(a.pupilYears.some((r) => r.max_penalty_10_weeks >= 10 && r.at_risk)).toBe(true);
    // The first week (31 August) belongs to 2025/26 and was summarised the incremental way in both.
    expect(a.pupilWeeks.some((r) => r.week_start === "2026-08-31")).toBe(true);
    expect(a).toEqual(b);
  });

  it("leaves the same marks and summaries after a day's file at a time into a loaded year as after one load", async () => {
    const once = await makeWorld();
    ok(await load(once, marks(once)));

    const daily = await makeWorld();
    const lines = marks(daily);
    const dateOf = (line: string) => line.split(",")[1]!;
    // The year loaded up to Friday 13 November, then each of the last ten school days as its own file, across a
    // weekend: each day's file updates the pupil's week (or starts it on a Monday) and year.
    ok(
      await load(
        daily,
        lines.filter((l) => dateOf(l) <= "2026-11-13"),
      ),
    );
    const days = [...new Set(lines.map(dateOf))].filter((d) => d > "2026-11-13").sort();
    expect(days).toHaveLength(10);
    for (const day of days) {
      expect(
        ok(
          await load(
            daily,
            lines.filter((l) => dateOf(l) === day),
          ),
        ),
      ).toMatchObject({
        marksCreated: daily.pupils.length * 2,
        marksUpdated: 0,
      });
    }

    const marksOf = async (world: World) => {
      const names = new Map(world.pupils.map((p, i) => [p.id, `pupil ${i}`]));
      const schools = new Map(world.schools.map((s, i) => [s.id, `school ${i}`]));
      const { rows } = await rawPool.query<{ pupil_id: string; school_id: string }>(
        "SELECT pupil_id, school_id, date::text, session, code FROM register_mark WHERE authority_id = $1",
        [world.authority.id],
      );
      return rows
        .map((r) => JSON.stringify({ ...r, pupil_id: names.get(r.pupil_id), school_id: schools.get(r.school_id) }))
        .sort();
    };
    const a = await marksOf(once);
    expect(a).toHaveLength(lines.length);
    expect(await marksOf(daily)).toEqual(a);
    expect(await comparable(daily)).toEqual(await comparable(once));
  });

  it("looks up marks one by one only on days already stored, and refuses a stored mark whose day summary is missing", async () => {
    const world = await makeWorld();
    const [a, b, c] = world.pupils;
    ok(await load(world, [`${a!.upn},2026-09-07,AM,/`, `${a!.upn},2026-09-07,PM,\\`]));
    ok(await load(world, [`${a!.upn},2026-09-08,AM,/`]));
    // 8 September is stored for the school (pupil a's AM): a's PM and c's AM are new there, b's AM changes nothing
    // yet; 9 September is a day not stored at all; 7 September is stored, with a's PM changed.
    const counts = ok(
      await load(world, [
        `${a!.upn},2026-09-07,AM,/`,
        `${a!.upn},2026-09-07,PM,N`,
        `${a!.upn},2026-09-08,AM,/`,
        `${a!.upn},2026-09-08,PM,\\`,
        `${c!.upn},2026-09-08,AM,I`,
        `${b!.upn},2026-09-09,AM,/`,
        `${b!.upn},2026-09-09,PM,N`,
      ]),
    );
    expect(counts).toMatchObject({ marksCreated: 4, marksUpdated: 1, marksUnchanged: 2 });
    const changes = await rawPool.query(
      "SELECT date::text, session, old_code, new_code FROM register_mark_change WHERE authority_id = $1",
      [world.authority.id],
    );
    expect(changes.rows).toEqual([{ date: "2026-09-07", session: 1, old_code: "\\", new_code: "N" }]);

    // A day summary lost behind the store's back: its marks look new, and inserting them again is refused whole.
    await rawPool.query("DELETE FROM attendance_school_day WHERE authority_id = $1 AND date = '2026-09-09'", [
      world.authority.id,
    ]);
    const before = await summaries(world);
    await expect(load(world, [`${c!.upn},2026-09-10,AM,/`, `${b!.upn},2026-09-09,AM,/`])).rejects.toThrow(
      /duplicate key/,
    );
    expect(await summaries(world)).toEqual(before);
    expect(await testDb.attendanceImport.count({ where: { authorityId: world.authority.id } })).toBe(3);
  });

  it("tries a day's file as a trial: the same counts as the real import, and nothing of it kept", async () => {
    const world = await makeWorld();
    const lines = marks(world);
    const dateOf = (line: string) => line.split(",")[1]!;
    ok(
      await load(
        world,
        lines.filter((l) => dateOf(l) < "2026-11-27"),
      ),
    );
    const day = lines.filter((l) => dateOf(l) === "2026-11-27");
    const before = await summaries(world);
    const marksStored = async () =>
      (
        await rawPool.query("SELECT count(*)::int AS n FROM attendance_mark WHERE authority_id = $1", [
          world.authority.id,
        ])
      ).rows[0].n;
    const stored = await marksStored();
    const trial = await importRegisterCsv({
      actor: { system: "cli", authorityId: world.authority.id },
      input: Readable.from([["upn,date,session,code", ...day].join("\n")]),
      trial: true,
    });
    expect(ok(trial)).toMatchObject({ marksCreated: day.length, marksUpdated: 0 });
    expect(await marksStored()).toBe(stored);
    expect(await summaries(world)).toEqual(before);
    expect(await testDb.attendanceImport.count({ where: { authorityId: world.authority.id } })).toBe(1);
    expect(ok(await load(world, day))).toEqual(ok(trial));
    expect(await marksStored()).toBe(stored + day.length);
  });

  it("stores a year in a table per month, and a day's marks in their month's table (ADR 083)", async () => {
    const world = await makeWorld();
    const lines = marks(world);
    const dateOf = (line: string) => line.split(",")[1]!;
    ok(
      await load(
        world,
        lines.filter((l) => dateOf(l) <= "2026-11-13"),
      ),
    );
    ok(
      await load(
        world,
        lines.filter((l) => dateOf(l) === "2026-11-16"),
      ),
    );
    const { rows: form } = await rawPool.query<{ single: boolean; year: string }>(
      "SELECT attendance_mark_single_level() AS single, attendance_mark_leaf_name($1, 2026::smallint) AS year",
      [world.authority.id],
    );
    const { single, year } = form[0]!;
    // Where each of the authority's marks lies, by month of its date.
    const { rows } = await rawPool.query<{ month: string; tbl: string; n: number }>(
      `SELECT to_char(date, 'YYYYMM') AS month, tableoid::regclass::text AS tbl, count(*)::int AS n
       FROM attendance_mark WHERE authority_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [world.authority.id],
    );
    expect(rows.reduce((n, r) => n + r.n, 0)).toBe(lines.filter((l) => dateOf(l) <= "2026-11-16").length);
    if (single) {
      // Citus (ADR 076): one level, the year's partition shared by every authority (tableoid names its shard).
      for (const r of rows) expect(r.tbl).toMatch(/^attendance_mark_y2026(_[0-9]+)?$/);
      return;
    }
    expect(rows.map((r) => [r.month, r.tbl])).toEqual(["202609", "202610", "202611"].map((m) => [m, `${year}_${m}`]));
    // The year's table is partitioned by month, September to August, each month with the pupil-led key.
    const { rows: months } = await rawPool.query<{ name: string; bound: string; key: string }>(
      `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound, pg_get_indexdef(x.indexrelid) AS key
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       JOIN pg_index x ON x.indrelid = c.oid AND x.indisprimary
       WHERE i.inhparent = to_regclass($1) ORDER BY c.relname`,
      [year],
    );
    expect(months).toHaveLength(12);
    expect(months[0]).toMatchObject({
      name: `${year}_202609`,
      bound: "FOR VALUES FROM ('2026-09-01') TO ('2026-10-01')",
    });
    expect(months[11]).toMatchObject({
      name: `${year}_202708`,
      bound: "FOR VALUES FROM ('2027-08-01') TO ('2027-09-01')",
    });
    for (const m of months) expect(m.key).toContain("(authority_id, pupil_key, date, session, school_key)");
  });

  it("takes files into a year stored before the months, as one table, as into a year by month (ADR 083)", async () => {
    const once = await makeWorld();
    ok(await load(once, marks(once)));

    // A year stored before migration 20261207100000 (PostgreSQL's form: single-level Citus has no year of its own):
    // one table with the pupil-led key, made as attendance_mark_new_year and _attach_year made it then.
    const old = await makeWorld();
    const { rows: form } = await rawPool.query<{ single: boolean; year: string }>(
      "SELECT attendance_mark_single_level() AS single, attendance_mark_leaf_name($1, 2026::smallint) AS year",
      [old.authority.id],
    );
    const { single, year } = form[0]!;
    if (!single) {
      await ownerPool.query("SELECT attendance_mark_ensure_authority($1)", [old.authority.id]);
      await ownerPool.query(`CREATE TABLE "${year}" (LIKE attendance_mark INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await ownerPool.query(
        `ALTER TABLE "${year}" ADD PRIMARY KEY (authority_id, pupil_key, date, session, school_key)`,
      );
      await ownerPool.query(
        `ALTER TABLE "attendance_mark_${old.authority.id.replace(/-/g, "")}" ATTACH PARTITION "${year}"
         FOR VALUES FROM ('2026-09-01') TO ('2027-09-01')`,
      );
    }
    const lines = marks(old);
    const dateOf = (line: string) => line.split(",")[1]!;
    ok(
      await load(
        old,
        lines.filter((l) => dateOf(l) <= "2026-11-13"),
      ),
    );
    for (const day of [...new Set(lines.map(dateOf))].filter((d) => d > "2026-11-13").sort())
      ok(
        await load(
          old,
          lines.filter((l) => dateOf(l) === day),
        ),
      );

    expect(await comparable(old)).toEqual(await comparable(once));
    const { rows } = await rawPool.query<{ tbl: string; n: number }>(
      "SELECT tableoid::regclass::text AS tbl, count(*)::int AS n FROM attendance_mark WHERE authority_id = $1 GROUP BY 1",
      [old.authority.id],
    );
    expect(rows).toHaveLength(1);
    // On Citus the year's shared partition (tableoid names its shard, ADR 076); on PostgreSQL the old year table.
    expect(rows[0]!.tbl).toMatch(single ? /^attendance_mark_y2026(_[0-9]+)?$/ : new RegExp(`^${year}$`));
    expect(rows[0]!.n).toBe(lines.length);
  });

  it("reports a mark given twice with the line it repeats when the file's lines go back and forth between months", async () => {
    const world = await makeWorld();
    const [a, b] = world.pupils;
    const outcome = await load(world, [
      `${a!.upn},2026-09-30,AM,/`, // line 2
      `${a!.upn},2026-10-01,AM,/`, // line 3
      `${b!.upn},2026-10-01,AM,/`, // line 4
      `${b!.upn},2026-09-30,AM,/`, // line 5
      `${a!.upn},2026-10-01,AM,N`, // line 6: repeats line 3
      `${b!.upn},2026-09-30,AM,I`, // line 7: repeats line 5
      `${b!.upn},2026-10-01,AM,I`, // line 8: repeats line 4
    ]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.line, e.upn, e.message])).toEqual([
      [6, a!.upn, "Duplicate row: the same pupil, date and session as line 3"],
      [7, b!.upn, "Duplicate row: the same pupil, date and session as line 5"],
      [8, b!.upn, "Duplicate row: the same pupil, date and session as line 4"],
    ]);
  });

  it("reports a mark given twice in a first load with the line it repeats, and leaves no table when refused", async () => {
    const world = await makeWorld();
    const [a, b] = world.pupils;
    const outcome = await load(world, [
      `${a!.upn},2026-09-07,AM,/`, // line 2
      `${b!.upn},2026-09-07,AM,/`, // line 3
      `${a!.upn},2026-09-08,AM,/`, // line 4
      `${b!.upn},2026-09-07,AM,N`, // line 5: repeats line 3
      `${a!.upn},2026-09-07,AM,I`, // line 6: repeats line 2
    ]);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.line, e.upn, e.message])).toEqual([
      [5, b!.upn, "Duplicate row: the same pupil, date and session as line 3"],
      [6, a!.upn, "Duplicate row: the same pupil, date and session as line 2"],
    ]);
    const tables = await rawPool.query(
      "SELECT count(*)::int AS n FROM pg_class WHERE relname = attendance_mark_leaf_name($1, 2026::smallint)",
      [world.authority.id],
    );
    expect(tables.rows[0].n).toBe(0);
    expect(await testDb.attendanceImport.count({ where: { authorityId: world.authority.id } })).toBe(0);
  });
});
