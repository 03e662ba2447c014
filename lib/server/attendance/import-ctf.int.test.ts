import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { checkLetterFor } from "@/lib/domain/upn";
import { makeAuthority, makePupil, makeSchool, makeUpn } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import type { Actor } from "../actor";
import { ForbiddenError, NotFoundError } from "../errors";
import { findYearSummaries } from "./find-year-summaries";
import { importCtf } from "./import-ctf";
import type { ImportOutcome } from "./import-register";
import { importRegister } from "./import-register-request";

type School = { id: string; urn: number; estabNumber: string; name: string };
let authority: { id: string; laCode: string; name: string };
let officer: Actor;
let staffS1: Actor;
let staffS2: Actor;
let s1: School;
let s2: School;
let s3: School;
let leo: { id: string; upn: string };
const upns: Record<"A" | "B" | "C" | "TEMP_B", string> = { A: "", B: "", C: "", TEMP_B: "" };

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  s1 = await makeSchool(testDb, authority);
  s2 = await makeSchool(testDb, authority, { phase: "secondary" });
  s3 = await makeSchool(testDb, authority);
  upns.A = makeUpn(authority.laCode, s1.estabNumber, 18, 101);
  upns.B = makeUpn(authority.laCode, s1.estabNumber, 18, 102);
  upns.C = makeUpn(authority.laCode, s1.estabNumber, 18, 103);
  const tempBody = `${authority.laCode}${s1.estabNumber}2501A`;
  upns.TEMP_B = checkLetterFor(tempBody) + tempBody;
  // Leo is already on roll at s1 under the temporary UPN his school gave him; the CTF brings his permanent one.
  leo = await makePupil(testDb, {
    authority,
    school: s1,
    upn: upns.TEMP_B,
    firstName: "Leo",
    lastName: "Walker",
    sex: "M",
    dateOfBirth: "2014-07-30",
    enrolledOn: "2025-09-01",
  });
  officer = await makeActor({ authority, role: "officer" });
  staffS1 = await makeActor({ authority, role: "school", school: s1 });
  staffS2 = await makeActor({ authority, role: "school", school: s2 });
});

/** The fixture, made to belong to this test's authority and school s1. */
function fixture(): string {
  return fs
    .readFileSync(path.resolve(import.meta.dirname, "../../../tests/fixtures/ctf/small.xml"), "utf8")
    .replaceAll("{{LEA}}", authority.laCode)
    .replaceAll("{{ESTAB}}", s1.estabNumber)
    .replaceAll("{{DEST_ESTAB}}", s2.estabNumber)
    .replaceAll("{{URN}}", String(s1.urn))
    .replaceAll("{{SCHOOL_NAME}}", s1.name)
    .replaceAll("{{UPN_A}}", upns.A)
    .replaceAll("{{UPN_B}}", upns.B)
    .replaceAll("{{UPN_C}}", upns.C)
    .replaceAll("{{TEMP_B}}", upns.TEMP_B);
}

const run = (actor: Actor, xml: string) =>
  importCtf({ actor, input: Readable.from([Buffer.from(xml)]), filename: "test.xml" });
const okCounts = (o: ImportOutcome) => {
  if (!o.ok) throw new Error(JSON.stringify(o.errors));
  return o.counts;
};
const one = async <T>(sql: string, params: unknown[] = []) => (await rawPool.query(sql, params)).rows[0] as T;
const pupilByUpn = (upn: string) =>
  one<{
    id: string;
    upn: string;
    former_upn: string | null;
    upn_temporary: boolean;
    first_name: string;
    middle_names: string | null;
  }>(
    "SELECT id, upn, former_upn, upn_temporary, first_name, middle_names FROM pupil WHERE authority_id = $1 AND upn = $2",
    [authority.id, upn],
  );

/** Row counts of everything an import can write, for "nothing was written". */
async function footprint() {
  const count = async (table: string) =>
    Number((await one<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE authority_id = $1`, [authority.id])).n);
  return {
    pupils: await count("pupil"),
    parents: await count("parent"),
    links: await count("pupil_parent"),
    enrolments: await count("enrolment"),
    marks: await count("attendance_mark"),
    changes: await count("attendance_mark_change"),
    imports: await count("attendance_import"),
    summaries: await count("attendance_year_summary"),
  };
}

// A compact CTF builder for the error and volume tests: the header is line 3 and pupil i is on line 5 + i.
const DOB = "2014-05-01";
type PupilSpec = {
  upn: string;
  former?: string;
  nc?: string | null;
  years?: string[];
  contacts?: string;
  surname?: string;
  /** More children of Pupil, after the contacts (SENhistory, FSMhistory). */
  extra?: string;
};
function pupilXml(p: PupilSpec): string {
  return (
    `<Pupil><UPN>${p.upn}</UPN><Surname>${p.surname ?? "Bell"}</Surname><Forename>Sam</Forename><DOB>${DOB}</DOB><Sex>M</Sex>` +
    `<BasicDetails>${p.former ? `<FormerUPN>${p.former}</FormerUPN>` : ""}${p.nc === null ? "" : `<NCyearActual>${p.nc ?? "7"}</NCyearActual>`}</BasicDetails>` +
    `${p.contacts ?? ""}${p.extra ?? ""}<Attendance>${(p.years ?? []).join("")}</Attendance></Pupil>`
  );
}
const marksYear = (school: { lea: string; estab: string }, start: string, marks: string) =>
  `<YearData><Year>2025</Year><LEA>${school.lea}</LEA><Estab>${school.estab}</Estab><SchoolName>Somewhere</SchoolName>` +
  `<SessionsPossible>0</SessionsPossible><SessionsAuthorised>0</SessionsAuthorised><SessionsAttended>0</SessionsAttended><SessionsUnauthorised>0</SessionsUnauthorised>` +
  `<AttendSessions><AttendanceStartDate>${start}</AttendanceStartDate><AttendanceMarks>${marks}</AttendanceMarks></AttendSessions></YearData>`;
const summaryYear = (year: number, lea: string, estab: string) =>
  `<YearData><Year>${year}</Year><LEA>${lea}</LEA><Estab>${estab}</Estab><SchoolName>Elsewhere School</SchoolName><SessionsPossible>300</SessionsPossible>` +
  `<SessionsAuthorised>10</SessionsAuthorised><SessionsAttended>280</SessionsAttended><SessionsUnauthorised>10</SessionsUnauthorised></YearData>`;
const headerXml = (lea: string, estab: string) =>
  `<Header><DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion><DateTime>2025-10-01T09:00:00</DateTime>` +
  `<DocumentQualifier>full</DocumentQualifier><SupplierID>Test</SupplierID><SourceSchool><LEA>${lea}</LEA><Estab>${estab}</Estab>` +
  `<SchoolName>Source</SchoolName><AcademicYear>2025</AcademicYear></SourceSchool></Header>`;
const ctfFile = (pupils: string[], source = { lea: "", estab: "" }) =>
  [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    "<CTfile>",
    headerXml(source.lea || authority.laCode, source.estab || s1.estabNumber),
    "<CTFpupilData>",
    ...pupils,
    "</CTFpupilData>",
    "</CTfile>",
    "",
  ].join("\n");
/** Calendar-day layout from a Monday: `weeks` school weeks of present AM and PM, ## at weekends. */
const fullWeeks = (weeks: number) => "/\\/\\/\\/\\/\\####".repeat(weeks);
const atS1 = () => ({ lea: authority.laCode, estab: s1.estabNumber });

describe("CTF import", () => {
  it("creates pupils, parents, enrolments, marks and summary-only history; importing it again changes nothing", async () => {
    const first = okCounts(await run(officer, fixture()));
    expect(first).toEqual({
      marksCreated: 116,
      marksUpdated: 0,
      marksUnchanged: 0,
      pupilsCreated: 2,
      pupilsUpdated: 1,
    });

    // Leo keeps his record: the permanent UPN replaces the temporary one, which is kept as the former UPN.
    const leoNow = await pupilByUpn(upns.B);
    expect(leoNow).toMatchObject({ id: leo.id, former_upn: upns.TEMP_B, upn_temporary: false });
    expect(await pupilByUpn(upns.TEMP_B)).toBeUndefined();
    const ava = await pupilByUpn(upns.A);
    expect(ava).toMatchObject({ first_name: "Ava", middle_names: "Grace", former_upn: null, upn_temporary: false });
    const mia = await pupilByUpn(upns.C);

    // Enrolled at s1 from the SchoolHistory entry date (Ava) or the first mark (Mia); Leo's enrolment is untouched.
    const enrolments = await rawPool.query<{
      pupil_id: string;
      school_id: string;
      start_date: string;
      end_date: string | null;
      year_group: string;
    }>(
      "SELECT pupil_id, school_id, start_date::text, end_date::text, year_group FROM enrolment WHERE pupil_id = ANY($1) ORDER BY start_date",
      [[ava.id, leo.id, mia.id]],
    );
    expect(enrolments.rows.map((e) => [e.pupil_id, e.school_id, e.start_date, e.end_date, e.year_group])).toEqual([
      [expect.any(String), s1.id, "2025-09-01", null, "7"],
      [expect.any(String), s1.id, "2025-09-01", null, "7"],
      [mia.id, s1.id, "2025-09-03", null, "7"],
    ]);

    // Ava's parents live apart: her mother at Ava's address, her father at his own. (The joins of parents name the
    // authority as the app's do, ADR 074: joined on the id alone, Citus repartitions both tables, about 27 s a
    // query on the test cluster, which took these two tests past vitest's 30 s.)
    const parents = await rawPool.query(
      `SELECT pa.title, pa.first_name, pa.last_name, pa.address_line1, pa.town, pa.postcode, pa.phone, pa.email,
              pp.relationship, pp.parental_responsibility, pp.lives_with_pupil
       FROM pupil_parent pp JOIN parent pa ON pa.authority_id = pp.authority_id AND pa.id = pp.parent_id
       WHERE pp.authority_id = $1 AND pp.pupil_id = $2 ORDER BY pa.first_name`,
      [authority.id, ava.id],
    );
    expect(parents.rows).toEqual([
      {
        title: "Mr",
        first_name: "Mark",
        last_name: "Robson",
        address_line1: "Flat 2, 88 Grange Road",
        town: "Middlesbrough",
        postcode: "TS1 2LR",
        phone: "07700 900456",
        email: null,
        relationship: "father",
        parental_responsibility: true,
        lives_with_pupil: false,
      },
      {
        title: "Ms",
        first_name: "Sarah",
        last_name: "Robson",
        address_line1: "14 Victoria Road",
        town: "Darlington",
        postcode: "DL1 5JJ",
        phone: "07700 900123",
        email: "sarah.robson@example.com",
        relationship: "mother",
        parental_responsibility: true,
        lives_with_pupil: true,
      },
    ]);
    const miaParent = await one(
      "SELECT relationship, parental_responsibility, lives_with_pupil FROM pupil_parent WHERE pupil_id = $1",
      [mia.id],
    );
    expect(miaParent).toEqual({ relationship: "step_parent", parental_responsibility: false, lives_with_pupil: true });
    const leoCarer = await one(
      `SELECT pa.first_name, pp.relationship, pp.lives_with_pupil
       FROM pupil_parent pp JOIN parent pa ON pa.authority_id = pp.authority_id AND pa.id = pp.parent_id
       WHERE pp.authority_id = $1 AND pp.pupil_id = $2`,
      [authority.id, leo.id],
    );
    expect(leoCarer).toEqual({ first_name: "Joanne", relationship: "carer", lives_with_pupil: true });

    // Marks and the summaries computed from them, as for a register CSV.
    const year = await one(
      `SELECT possible, present, authorised, unauthorised FROM attendance_pupil_year
       WHERE pupil_key = (SELECT store_key FROM pupil WHERE id = $1) AND school_key = (SELECT store_key FROM school WHERE id = $2)`,
      [ava.id, s1.id],
    );
    expect(year).toEqual({ possible: 40, present: 37, authorised: 2, unauthorised: 1 });
    const mark = await one(
      "SELECT code, category, code_set FROM register_mark WHERE pupil_id = $1 AND date = '2025-09-09' AND session = 0",
      [ava.id],
    );
    expect(mark).toEqual({ code: "N", category: "unauthorised", code_set: 2024 });
    expect(
      Number(
        (
          await one<{ n: string }>(
            "SELECT count(*) AS n FROM register_mark WHERE pupil_id = $1 AND extract(isodow FROM date) > 5",
            [ava.id],
          )
        ).n,
      ),
    ).toBe(0);

    // Summary-only years: Ava's at a school outside the system, Leo's at s1.
    const summaries = await rawPool.query(
      `SELECT pupil_id, academic_year, la_code, estab_number, school_name, school_id, sessions_possible, sessions_authorised,
              sessions_attended, sessions_unauthorised FROM attendance_year_summary WHERE authority_id = $1 ORDER BY academic_year`,
      [authority.id],
    );
    expect(summaries.rows).toEqual([
      {
        pupil_id: ava.id,
        academic_year: 2023,
        la_code: "919",
        estab_number: "2001",
        school_name: "Hillside Primary School",
        school_id: null,
        sessions_possible: 380,
        sessions_authorised: 12,
        sessions_attended: 360,
        sessions_unauthorised: 8,
      },
      {
        pupil_id: leo.id,
        academic_year: 2024,
        la_code: authority.laCode,
        estab_number: s1.estabNumber,
        school_name: s1.name,
        school_id: s1.id,
        sessions_possible: 372,
        sessions_authorised: 20,
        sessions_attended: 340,
        sessions_unauthorised: 12,
      },
    ]);
    expect(await findYearSummaries(officer, ava.id)).toEqual([
      {
        academicYear: 2023,
        label: "2023/24",
        laCode: "919",
        estabNumber: "2001",
        schoolName: "Hillside Primary School",
        schoolId: null,
        possible: 380,
        authorised: 12,
        attended: 360,
        unauthorised: 8,
      },
    ]);
    const imported = await one(
      "SELECT source, pupils_created, pupils_updated, marks_created FROM attendance_import WHERE authority_id = $1",
      [authority.id],
    );
    expect(imported).toEqual({ source: "ctf", pupils_created: 2, pupils_updated: 1, marks_created: 116 });
    expect(
      await one(
        "SELECT actor_user_id, detail->>'format' AS format FROM audit_log WHERE action = 'attendance.import' AND authority_id = $1",
        [authority.id],
      ),
    ).toEqual({ actor_user_id: officer.id, format: "ctf" });

    const before = await footprint();
    const second = okCounts(await run(officer, fixture()));
    expect(second).toEqual({
      marksCreated: 0,
      marksUpdated: 0,
      marksUnchanged: 116,
      pupilsCreated: 0,
      pupilsUpdated: 0,
    });
    expect(await footprint()).toEqual({ ...before, imports: before.imports + 1 });
  });

  it("applies a corrected re-send: the changed mark keeps its history, and the changed details update the pupil", async () => {
    const corrected = fixture()
      .replace("/\\N\\/\\II/\\####", "/\\M\\/\\II/\\####") // Ava, Tuesday 9 September AM: N becomes M
      .replace("07700 900456", "07700 900999"); // Ava's father's new mobile
    const counts = okCounts(await run(officer, corrected));
    expect(counts).toEqual({
      marksCreated: 0,
      marksUpdated: 1,
      marksUnchanged: 115,
      pupilsCreated: 0,
      pupilsUpdated: 1,
    });
    const ava = await pupilByUpn(upns.A);
    const history = await rawPool.query(
      "SELECT date::text, session, old_code, new_code, changed_by FROM register_mark_change WHERE pupil_id = $1",
      [ava.id],
    );
    expect(history.rows).toEqual([
      { date: "2025-09-09", session: 0, old_code: "N", new_code: "M", changed_by: officer.id },
    ]);
    expect(
      await one(
        "SELECT possible, authorised, unauthorised FROM attendance_pupil_year WHERE pupil_key = (SELECT store_key FROM pupil WHERE id = $1)",
        [ava.id],
      ),
    ).toEqual({ possible: 40, authorised: 3, unauthorised: 0 });
    expect(
      (
        await one<{ phone: string }>(
          `SELECT phone FROM parent pa JOIN pupil_parent pp ON pp.authority_id = pa.authority_id AND pp.parent_id = pa.id
           WHERE pp.authority_id = $1 AND pp.pupil_id = $2 AND pa.first_name = 'Mark'`,
          [authority.id, ava.id],
        )
      ).phone,
    ).toBe("07700 900999");
    expect(
      Number((await one<{ n: string }>("SELECT count(*) AS n FROM pupil_parent WHERE pupil_id = $1", [ava.id])).n),
    ).toBe(2);
  });

  it("keeps SEN provision and FSM eligibility from SENhistory and FSMhistory, and keeps them when a later file says nothing", async () => {
    const upn = makeUpn(authority.laCode, s1.estabNumber, 18, 401);
    const senHistory =
      "<SENhistory><SEN><StartDate>2023-09-01</StartDate><SENprovision>K</SENprovision></SEN>" +
      "<SEN><StartDate>2025-02-01</StartDate><SENprovision>E</SENprovision></SEN></SENhistory>";
    const fsmHistory = (current: boolean) =>
      "<FSMhistory><FSMinstance><FSMstartDate>2020-09-01</FSMstartDate><FSMendDate>2021-07-01</FSMendDate></FSMinstance>" +
      (current ? "<FSMinstance><FSMstartDate>2026-01-05</FSMstartDate></FSMinstance>" : "") +
      "</FSMhistory>";
    const file = (extra: string) => ctfFile([pupilXml({ upn, surname: "Harper", extra })]);
    const traits = async () => {
      const { id } = await pupilByUpn(upn);
      return one<Record<string, unknown>>(
        `SELECT sen_provision, sen_since::text, fsm_eligible, fsm_since::text FROM pupil_characteristics
         WHERE authority_id = $1 AND pupil_id = $2`,
        [authority.id, id],
      );
    };

    expect(okCounts(await run(officer, file(senHistory + fsmHistory(true))))).toMatchObject({ pupilsCreated: 1 });
    // The latest SEN period, and the FSM period covering the day of the import (20 November 2026).
    expect(await traits()).toEqual({
      sen_provision: "E",
      sen_since: "2025-02-01",
      fsm_eligible: true,
      fsm_since: "2026-01-05",
    });
    // The same file again changes nothing.
    expect(okCounts(await run(officer, file(senHistory + fsmHistory(true))))).toMatchObject({ pupilsUpdated: 0 });
    // A file without SENhistory keeps the SEN provision; its FSMhistory ended long ago, so not eligible now.
    expect(okCounts(await run(officer, file(fsmHistory(false))))).toMatchObject({ pupilsUpdated: 1 });
    expect(await traits()).toEqual({
      sen_provision: "E",
      sen_since: "2025-02-01",
      fsm_eligible: false,
      fsm_since: null,
    });
    // A file with neither keeps both.
    expect(okCounts(await run(officer, file("")))).toMatchObject({ pupilsUpdated: 0 });
    expect(await traits()).toMatchObject({ sen_provision: "E", fsm_eligible: false });

    // An SEN code the CTF does not have is refused with its line, and nothing changes.
    const bad = file(
      "<SENhistory><SEN><StartDate>2026-01-01</StartDate><SENprovision>Q</SENprovision></SEN></SENhistory>",
    );
    const outcome = await run(officer, bad);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      // The pupil is on line 5 (the builder's layout), and so is its SENhistory.
      expect(outcome.errors.map((e) => [e.line, e.upn, e.message])).toEqual([
        [5, upn, 'SENprovision "Q" is not a CTF code: N (none), K (SEN support), E (EHC plan), or the older A, P or S'],
      ]);
    }
    expect(await traits()).toMatchObject({ sen_provision: "E", fsm_eligible: false });
  });

  it("lists every error with its line, UPN and date, and writes nothing", async () => {
    const leaver = await makePupil(testDb, { authority, school: s1, enrolledOn: "2025-09-01", leftOn: "2025-09-05" });
    const good = makeUpn(authority.laCode, s1.estabNumber, 19, 1);
    const wrongLetter = ((u) => (u[0] === "A" ? "B" : "A") + u.slice(1))(
      makeUpn(authority.laCode, s1.estabNumber, 19, 2),
    );
    const upn = (n: number) => makeUpn(authority.laCode, s1.estabNumber, 19, n);
    const before = await footprint();
    const xml = ctfFile([
      pupilXml({ upn: good, years: [marksYear(atS1(), "2025-09-01", fullWeeks(2))] }), // line 5: fine
      pupilXml({ upn: wrongLetter }), // 6
      pupilXml({ upn: upn(3), years: [marksYear(atS1(), "2025-09-01", "/H/\\/\\/\\/\\####")] }), // 7: H was withdrawn in August 2024
      pupilXml({ upn: upn(4), years: [marksYear(atS1(), "2025-09-01", "/\\/\\/")] }), // 8: odd length
      pupilXml({ upn: upn(5), years: [marksYear(atS1(), "2025-09-01", "/\\".repeat(10))] }), // 9: weekday-only layout
      pupilXml({ upn: upn(6), years: [marksYear({ lea: "919", estab: "2001" }, "2025-09-01", fullWeeks(1))] }), // 10: not our school
      pupilXml({ upn: leaver.upn, years: [marksYear(atS1(), "2025-09-01", fullWeeks(2))] }), // 11: left on 5 September
      pupilXml({ upn: good, surname: "Again", years: [marksYear(atS1(), "2025-09-01", fullWeeks(2))] }), // 12: the pupil of line 5 again
      pupilXml({ upn: upn(7), nc: null, years: [marksYear(atS1(), "2025-09-01", fullWeeks(1))] }), // 13: new pupil, no year group
      `<Pupil><UPN>${upn(8)}</UPN><Surname>Broken</Pupil>`, // 14: malformed
    ]);
    const outcome = await run(officer, xml);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.errors.map((e) => [e.line, e.upn ?? null, e.date ?? null, e.message.split(":")[0]])).toEqual([
      [6, wrongLetter, null, `Invalid UPN "${wrongLetter}"`],
      [7, upn(3), "2025-09-01", 'Code "H" is not valid on 1 September 2025'],
      [8, upn(4), "2025-09-01", "The marks string has an odd number of characters (5)"],
      [9, upn(5), "2025-09-06", "A mark on Saturday 6 September 2025 (and 3 more sessions in this string)"],
      [10, upn(6), null, "Marks for a school that is not a school of " + authority.name],
      [11, leaver.upn, "2025-09-08", "Date outside the pupil's enrolment"],
      [12, good, null, "Duplicate row"],
      [13, upn(7), null, "Missing NCyearActual"],
      [14, null, null, "Malformed XML"],
    ]);
    expect(outcome.errors[1]!.message).toContain("not in the 2024 code set");
    expect(outcome.errors[3]!.message).toContain("weekday-only layout");
    expect(outcome.errors[4]!.message).toContain("LEA 919, Estab 2001");
    expect(outcome.errors[5]!.message).toContain("(10 sessions from 8 September 2025 to 12 September 2025)");
    expect(outcome.errors[6]!.message).toContain("line 5");
    expect(outcome.totalErrors).toBe(9);
    expect(await footprint()).toEqual(before);
  });

  it("refuses marks from a file that another authority's school sent, and a file that is not a CTF", async () => {
    const upn = makeUpn(authority.laCode, s1.estabNumber, 20, 1);
    const foreign = await run(
      officer,
      ctfFile([pupilXml({ upn, years: [marksYear(atS1(), "2025-09-01", fullWeeks(1))] })], {
        lea: "919",
        estab: "4001",
      }),
    );
    expect(!foreign.ok && foreign.errors.map((e) => [e.line, e.message.split(":")[0]])).toEqual([
      [3, `The file comes from LEA 919 (Source), not from ${authority.name} (${authority.laCode})`],
    ]);
    const csv = await run(officer, "upn,date,session,code\n");
    expect(!csv.ok && csv.errors).toEqual([
      { line: 1, message: "Not an XML file: a Common Transfer File starts with <?xml or <CTfile" },
    ]);
    const empty = await run(officer, "");
    expect(!empty.ok && empty.errors).toEqual([{ line: 1, message: "The file is empty" }]);
    const other = await run(officer, `<?xml version="1.0"?>\n<ATfile><Header/></ATfile>`);
    expect(!other.ok && other.errors.map((e) => e.message)).toEqual([
      "Not a Common Transfer File: the root element is <ATfile>, not <CTfile>",
    ]);
  });

  it("refuses marks dated before the register's retention period (erased: a file must not bring them back), naming the dates and why, and writes nothing", async () => {
    const before = await footprint();
    const old = makeUpn(authority.laCode, s1.estabNumber, 22, 1);
    const recent = makeUpn(authority.laCode, s1.estabNumber, 22, 2);
    // On the tests' day (20 November 2026) marks are kept from 7 September 2020 (6 years, whole academic years).
    const outcome = await run(
      officer,
      ctfFile([
        pupilXml({ upn: old, years: [marksYear(atS1(), "2020-08-31", fullWeeks(2))] }),
        pupilXml({ upn: recent, years: [marksYear(atS1(), "2025-09-01", fullWeeks(1))] }),
      ]),
    );
    expect(!outcome.ok && outcome.errors).toEqual([
      {
        line: 5,
        upn: old,
        date: "2020-08-31",
        message:
          "Marks from 31 August 2020 to 4 September 2020 cannot be imported: register marks are kept 72 months (6 years), so marks dated before 7 September 2020 have been erased, and a register sent again must not bring them back. Remove marks before 7 September 2020 from the file",
      },
    ]);
    expect(await footprint()).toEqual(before);
  });

  it("matches a pupil on former UPN, and reports a file pupil that matches two recorded pupils", async () => {
    const permanent = makeUpn(authority.laCode, s1.estabNumber, 21, 1);
    const tempBody = `${authority.laCode}${s1.estabNumber}2102B`;
    const temporary = checkLetterFor(tempBody) + tempBody;
    const a = await makePupil(testDb, { authority, school: s1, upn: permanent });
    const b = await makePupil(testDb, { authority, school: s1, upn: temporary });
    const before = await footprint();
    const outcome = await run(officer, ctfFile([pupilXml({ upn: permanent, former: temporary })]));
    expect(!outcome.ok && outcome.errors.map((e) => e.message)).toEqual([
      `UPN ${permanent} and former UPN ${temporary} match 2 pupils already recorded (UPNs ${[permanent, temporary].sort().join(", ")}): merge them before importing this file`,
    ]);
    expect(await footprint()).toEqual(before);
    expect([a.id, b.id]).toHaveLength(2);
  });

  it("keeps school staff to their own school", async () => {
    const before = await footprint();
    await expect(run(staffS2, fixture())).rejects.toBeInstanceOf(ForbiddenError);
    const elsewhere = ctfFile([
      pupilXml({
        upn: makeUpn(authority.laCode, s1.estabNumber, 22, 3),
        years: [marksYear({ lea: "919", estab: "2001" }, "2025-09-01", fullWeeks(1))],
      }),
    ]);
    await expect(run(staffS1, elsewhere)).rejects.toThrow("You can only import attendance for " + s1.name);
    expect(await footprint()).toEqual(before);

    const newUpn = makeUpn(authority.laCode, s1.estabNumber, 22, 1);
    const historyOnly = makeUpn(authority.laCode, s1.estabNumber, 22, 2);
    // A pupil neither on roll here nor arriving with marks here refuses the whole file (ctf-takeover.int.test.ts).
    await expect(
      run(
        staffS1,
        ctfFile([
          pupilXml({ upn: newUpn, years: [marksYear(atS1(), "2025-09-01", fullWeeks(1))] }),
          pupilXml({ upn: historyOnly, years: [summaryYear(2024, "919", "2001")] }),
        ]),
      ),
    ).rejects.toThrow(`UPN ${historyOnly} at line 6`);
    expect(await footprint()).toEqual(before);

    const counts = okCounts(
      await run(
        staffS1,
        ctfFile([
          pupilXml({
            upn: newUpn,
            years: [marksYear(atS1(), "2025-09-01", fullWeeks(1)), summaryYear(2024, "919", "2001")],
          }),
        ]),
      ),
    );
    expect(counts).toMatchObject({ marksCreated: 10, pupilsCreated: 1 });
    const created = await pupilByUpn(newUpn);
    expect(await findYearSummaries(staffS1, created.id)).toHaveLength(1);
    await expect(findYearSummaries(staffS2, created.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await one("SELECT school_id FROM attendance_import WHERE authority_id = $1 ORDER BY id DESC LIMIT 1", [
        authority.id,
      ]),
    ).toEqual({ school_id: s1.id });
  });

  it("is reached through the import entry point with application/xml", async () => {
    const upn = makeUpn(authority.laCode, s1.estabNumber, 23, 1);
    const ok = await importRegister(
      officer,
      "application/xml; charset=utf-8",
      Readable.from([ctfFile([pupilXml({ upn, years: [marksYear(atS1(), "2025-09-01", fullWeeks(1))] })])]),
      "a.xml",
    );
    expect(ok).toMatchObject({
      status: 201,
      body: { marksCreated: 10, marksUpdated: 0, marksUnchanged: 0, pupilsCreated: 1, pupilsUpdated: 0 },
    });
    const bad = await importRegister(
      officer,
      "text/xml",
      Readable.from(["<CTfile><CTFpupilData><Pupil><UPN>X</UPN></Pupil></CTFpupilData></CTfile>"]),
      "b.xml",
    );
    expect(bad.status).toBe(422);
    expect((bad.body as { errors: unknown[] }).errors[0]).toEqual({
      line: 1,
      upn: "X",
      date: null,
      message: 'Invalid UPN "X": A UPN must be 13 characters (this one has 1)',
    });
  });

  it("streams a 10 MB file without holding it in memory", async () => {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const pupils = 4200;
    const weeks = 16; // Monday 1 September to Friday 19 December 2025
    const contact = (order: number, forename: string, code: string) =>
      `<Contact><Order>${order}</Order><Title>Mx</Title><Surname>Hodgson</Surname><Forename>${forename}</Forename><Relationship>${code}</Relationship>` +
      `<Responsibility>true</Responsibility><Address><BS7666Address><PAON>${order * 7}</PAON><Street>Coniscliffe Road</Street><Town>Darlington</Town>` +
      `</BS7666Address><PostCode>DL3 7RT</PostCode></Address><Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>07700 900${String(order).padStart(3, "0")}</PhoneNo></Phone>` +
      `</Phones><Email>${forename.toLowerCase()}@example.com</Email></Contact>`;
    let bytes = 0;
    function* generate(): Generator<Buffer> {
      const emit = (s: string) => {
        const b = Buffer.from(s);
        bytes += b.length;
        return b;
      };
      yield emit(
        `<?xml version="1.0" encoding="UTF-8"?>\n<CTfile>\n${headerXml(authority.laCode, s3.estabNumber)}\n<CTFpupilData>\n`,
      );
      for (let i = 0; i < pupils; i++) {
        const upn = makeUpn(authority.laCode, s3.estabNumber, 10 + Math.floor(i / 1000), i % 1000);
        yield emit(
          pupilXml({
            upn,
            surname: `Hodgson${i}`,
            contacts: `<Contacts>${contact(1, "Kelly", "PAM")}${contact(2, "Wayne", "PAF")}</Contacts>`,
            years: [
              marksYear({ lea: authority.laCode, estab: s3.estabNumber }, "2025-09-01", fullWeeks(weeks)),
              summaryYear(2024, "919", "2001"),
              summaryYear(2023, "919", "2001"),
            ],
          }).replace(
            "</Pupil>",
            `<StageAssessments>${"<KeyStage><Stage>KS2</Stage><StageAssessment><Subject>MAT</Subject><Result>104</Result></StageAssessment></KeyStage>".repeat(6)}</StageAssessments></Pupil>`,
          ) + "\n",
        );
      }
      yield emit("</CTFpupilData>\n</CTfile>\n");
    }
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const outcome = await importCtf({
      actor: officer,
      input: Readable.from(generate()),
      filename: "big.xml",
      onProgress: () => {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      },
    });
    expect(okCounts(outcome)).toEqual({
      marksCreated: pupils * weeks * 10,
      marksUpdated: 0,
      marksUnchanged: 0,
      pupilsCreated: pupils,
      pupilsUpdated: 0,
    });
    expect(bytes).toBeGreaterThan(10_000_000);
    // The live heap while reading (after a full collection, sampled every 500 pupils) stays well under the file
    // size: about 1–3 MB here for a 12.8 MB file (the stage buffers and the pupil being read).
    expect(peak).toBeLessThan(bytes / 2);
    console.info(
      `CTF volume test: ${(bytes / 1e6).toFixed(1)} MB, live heap growth at most ${(peak / 1e6).toFixed(1)} MB`,
    );
  }, 300_000);
});
