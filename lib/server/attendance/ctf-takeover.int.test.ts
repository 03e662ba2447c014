// The review's CTF takeover, performed through the API route as a school would send it: a school's Common
// Transfer File naming another school's pupil (with marks at the sender's school) used to rename that pupil,
// enrol them at the sender's school and rewrite their parent's address and email. It must change nothing and
// answer 403 naming the UPN and the line; new admissions and the school's own pupils still import.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { makeApiToken, makeAuthority, makeParent, makePupil, makeSchool, makeUpn, makeUser } from "@/prisma/factories";
import { hashApiToken } from "@/lib/server/actor";
import { rawPool, testDb } from "@/tests/db";
import { POST as postImport } from "@/app/api/v1/attendance/imports/route";

type School = { id: string; urn: number; estabNumber: string; name: string };
let authority: { id: string; laCode: string; name: string };
let s1: School;
let s2: School;
let staffS2Token: string;
let officerToken: string;

async function tokenFor(userId: string) {
  const token = `ft_${randomBytes(16).toString("hex")}`;
  await makeApiToken(testDb, { id: userId }, hashApiToken(token));
  return token;
}

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  s1 = await makeSchool(testDb, authority);
  s2 = await makeSchool(testDb, authority);
  staffS2Token = await tokenFor((await makeUser(testDb, { authority, role: "school", school: s2 })).id);
  officerToken = await tokenFor((await makeUser(testDb, { authority, role: "officer" })).id);
});

const week = "/\\/\\/\\/\\/\\####";
/** A CTF from school `from` with one pupil per entry (pupil i is on line 4 + i), marks at `from` from `start`. */
function ctf(from: School, pupils: { upn: string; surname: string; contact?: string; start?: string }[]) {
  const lea = authority.laCode;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    "<CTfile>",
    `<Header><DocumentName>Common Transfer File</DocumentName><CTFversion>25.0</CTFversion><DateTime>2025-10-01T09:00:00</DateTime><DocumentQualifier>full</DocumentQualifier><SupplierID>Test</SupplierID><SourceSchool><LEA>${lea}</LEA><Estab>${from.estabNumber}</Estab><SchoolName>${from.name}</SchoolName><AcademicYear>2025</AcademicYear></SourceSchool></Header>`,
    "<CTFpupilData>",
    ...pupils.map(
      (p) =>
        `<Pupil><UPN>${p.upn}</UPN><Surname>${p.surname}</Surname><Forename>Sam</Forename><DOB>2013-01-01</DOB><Sex>M</Sex>` +
        `<BasicDetails><NCyearActual>7</NCyearActual></BasicDetails>${p.contact ?? ""}<Attendance><YearData><Year>2025</Year><LEA>${lea}</LEA><Estab>${from.estabNumber}</Estab>` +
        `<SessionsPossible>10</SessionsPossible><SessionsAuthorised>0</SessionsAuthorised><SessionsAttended>10</SessionsAttended><SessionsUnauthorised>0</SessionsUnauthorised>` +
        `<AttendSessions><AttendanceStartDate>${p.start ?? "2025-09-01"}</AttendanceStartDate><AttendanceMarks>${week}</AttendanceMarks></AttendSessions></YearData></Attendance></Pupil>`,
    ),
    "</CTFpupilData>",
    "</CTfile>",
    "",
  ].join("\n");
}
const takeoverContact =
  "<Contacts><Contact><Order>1</Order><Title>Mx</Title><Surname>Parent</Surname><Forename>Sam</Forename><RelationshipCode>PAM</RelationshipCode>" +
  "<Address><BS7666Address><PAON>1</PAON><Street>Attacker Street</Street><Town>Elsewhere</Town></BS7666Address><PostCode>ZZ1 1ZZ</PostCode></Address>" +
  "<Email>attacker@example.com</Email></Contact></Contacts>";

function post(token: string, xml: string) {
  return postImport(
    new Request("http://127.0.0.1/api/v1/attendance/imports", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/xml" },
      body: xml,
    }),
  );
}

/** Everything of a pupil the takeover used to change. Each query names the authority, as the app's do, so that on
 * Citus it goes to the authority's shard group (and the marks on the coordinator are read for that authority only). */
async function snapshot(pupilId: string) {
  const q = async (sql: string) => (await rawPool.query(sql, [pupilId, authority.id])).rows;
  return {
    pupil: await q(
      "SELECT upn, first_name, last_name, date_of_birth::text, sex FROM pupil WHERE id = $1 AND authority_id = $2",
    ),
    enrolments: await q(
      `SELECT school_id, start_date::text, end_date::text FROM enrolment WHERE pupil_id = $1 AND authority_id = $2
       ORDER BY start_date`,
    ),
    parents: await q(
      `SELECT pa.id, pa.title, pa.address_line1, pa.town, pa.postcode, pa.email, pp.relationship
       FROM pupil_parent pp JOIN parent pa ON pa.authority_id = pp.authority_id AND pa.id = pp.parent_id
       WHERE pp.pupil_id = $1 AND pp.authority_id = $2 ORDER BY pa.id`,
    ),
    marks: await q(
      `SELECT count(*)::int AS n FROM attendance_mark m
       JOIN pupil p ON p.authority_id = m.authority_id AND p.store_key = m.pupil_key
       WHERE p.id = $1 AND p.authority_id = $2 AND m.authority_id = $2`,
    ),
  };
}

describe("a school's CTF naming another school's pupil (the takeover)", () => {
  it("is refused with 403 naming the UPN and the line, and changes nothing", async () => {
    const victim = await makePupil(testDb, { authority, school: s1, firstName: "Vic", lastName: "Tim" });
    await makeParent(testDb, { authority, pupil: victim });
    const newcomer = makeUpn(authority.laCode, s2.estabNumber, 30, 1);
    const before = await snapshot(victim.id);
    const imports = await testDb.attendanceImport.count({ where: { authorityId: authority.id } });

    const response = await post(
      staffS2Token,
      ctf(s2, [
        { upn: newcomer, surname: "Newcomer" },
        { upn: victim.upn, surname: "TAKENOVER", contact: takeoverContact },
      ]),
    );
    expect(response.status).toBe(403);
    const body = (await response.json()) as { message: string };
    expect(body.message).toContain(`UPN ${victim.upn} at line 6`);
    expect(body.message).not.toContain(newcomer);

    expect(await snapshot(victim.id)).toEqual(before);
    expect(await testDb.pupil.count({ where: { authorityId: authority.id, upn: newcomer } })).toBe(0);
    expect(await testDb.attendanceImport.count({ where: { authorityId: authority.id } })).toBe(imports);
  });

  it("still lets the school bring in a new admission: new to the authority, or no longer on roll elsewhere", async () => {
    const left = await makePupil(testDb, { authority, school: s1, leftOn: "2025-12-19", lastName: "Mover" });
    const brandNew = makeUpn(authority.laCode, s2.estabNumber, 30, 2);
    const response = await post(
      staffS2Token,
      ctf(s2, [
        { upn: brandNew, surname: "Arrival" },
        { upn: left.upn, surname: "Mover", start: "2026-01-05" },
      ]),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ pupilsCreated: 1, pupilsUpdated: 1, marksCreated: 20 });
    const enrolled = await testDb.enrolment.findMany({ where: { pupilId: left.id }, orderBy: { startDate: "asc" } });
    expect(enrolled.map((e) => e.schoolId)).toEqual([s1.id, s2.id]);
  });

  it("lets the school update its own pupils, and officers any pupil of the authority", async () => {
    const own = await makePupil(testDb, { authority, school: s2, lastName: "Own" });
    expect((await post(staffS2Token, ctf(s2, [{ upn: own.upn, surname: "Owner" }]))).status).toBe(201);
    expect((await testDb.pupil.findUniqueOrThrow({ where: { id: own.id } })).lastName).toBe("Owner");

    const atS1 = await makePupil(testDb, { authority, school: s1, lastName: "Elsewhere" });
    expect((await post(officerToken, ctf(s1, [{ upn: atS1.upn, surname: "Corrected" }]))).status).toBe(201);
    expect((await testDb.pupil.findUniqueOrThrow({ where: { id: atS1.id } })).lastName).toBe("Corrected");
  });
});
