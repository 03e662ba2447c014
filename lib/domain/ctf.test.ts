import fc from "fast-check";
import { SaxesParser } from "saxes";
import { describe, expect, it } from "vitest";
import smallCtf from "@/tests/fixtures/ctf/small.xml?raw";
import {
  CtfReader,
  expandMarks,
  MAX_ELEMENTS_PER_PUPIL,
  preferredPhone,
  readCtfHeader,
  readCtfPupil,
  relationshipFromCtf,
  sameAddress,
  validateCtfHeader,
  validateCtfPupil,
  yearGroupFromNc,
  type CtfElement,
  type CtfError,
} from "./ctf";
import { checkLetterFor } from "./upn";

const upn = (body12: string) => checkLetterFor(body12) + body12;
const UPN_A = upn("841200125001");
const UPN_B = upn("841200125002");
const TEMP_B = upn("84120012501A");
const UPN_C = upn("841200125003");

const fixture = () =>
  smallCtf
    .replaceAll("{{LEA}}", "841")
    .replaceAll("{{ESTAB}}", "2001")
    .replaceAll("{{DEST_ESTAB}}", "4001")
    .replaceAll("{{URN}}", "114001")
    .replaceAll("{{SCHOOL_NAME}}", "Test Primary School")
    .replaceAll("{{UPN_A}}", UPN_A)
    .replaceAll("{{UPN_B}}", UPN_B)
    .replaceAll("{{TEMP_B}}", TEMP_B)
    .replaceAll("{{UPN_C}}", UPN_C);

/** Drives a CtfReader with saxes, as the importer does. */
function read(xml: string) {
  const header: CtfElement[] = [];
  const pupils: CtfElement[] = [];
  const errors: CtfError[] = [];
  const reader = new CtfReader({
    header: (h) => header.push(h),
    pupil: (p) => pupils.push(p),
    error: (e) => errors.push(e),
  });
  const parser = new SaxesParser({ position: true });
  parser.on("opentag", (t) => reader.open(t.name, parser.line));
  parser.on("text", (t) => reader.text(t));
  parser.on("closetag", () => reader.close());
  parser.write(xml).close();
  return { header: header[0], pupils: pupils.map(readCtfPupil), errors, reader };
}

const pupilXml = (inner: string) => `<CTfile><CTFpupilData><Pupil>${inner}</Pupil></CTFpupilData></CTfile>`;
const basics = (extra = "") =>
  `<UPN>${UPN_A}</UPN><Surname>Robson</Surname><Forename>Ava</Forename><DOB>2014-03-12</DOB><Sex>F</Sex>${extra}`;
const onePupil = (extra = "") => read(pupilXml(basics(extra))).pupils[0]!;
const messages = (errors: { message: string }[]) => errors.map((e) => e.message);

describe("reading a CTF", () => {
  it("reads the header and every pupil of a realistic file", () => {
    const { header, pupils, errors, reader } = read(fixture());
    expect(errors).toEqual([]);
    expect(reader.pupils).toBe(3);
    const h = readCtfHeader(header!);
    expect(h).toMatchObject({
      ctfVersion: "25.0",
      sourceLea: "841",
      sourceEstab: "2001",
      sourceSchoolName: "Test Primary School",
      destEstab: "4001",
    });
    expect(validateCtfHeader(h)).toEqual([]);
    for (const p of pupils) expect(validateCtfPupil(p)).toEqual([]);

    const [ava, leo, mia] = pupils;
    expect(ava).toMatchObject({
      upn: UPN_A,
      surname: "Robson",
      forename: "Ava",
      middleNames: "Grace",
      dob: "2014-03-12",
      sex: "F",
      ncYearActual: "7",
      address: { line1: "14 Victoria Road", line2: null, town: "Darlington", postcode: "DL1 5JJ" },
    });
    expect(ava!.contacts).toEqual([
      expect.objectContaining({
        order: 1,
        title: "Ms",
        forename: "Sarah",
        surname: "Robson",
        relationship: "mother",
        parentalResponsibility: true,
        addressAsPupil: true,
        address: null,
        email: "sarah.robson@example.com",
      }),
      expect.objectContaining({
        order: 2,
        forename: "Mark",
        relationship: "father",
        addressAsPupil: false,
        address: { line1: "Flat 2, 88 Grange Road", line2: null, town: "Middlesbrough", postcode: "TS1 2LR" },
      }),
    ]);
    expect(preferredPhone(ava!.contacts[0]!.phones)).toBe("07700 900123");
    expect(ava!.years.map((y) => [y.year, y.lea, y.estab, y.attendSessions?.startDate ?? null])).toEqual([
      ["2025", "841", "2001", "2025-09-01"],
      ["2023", "919", "2001", null],
    ]);
    expect(ava!.schoolHistory.map((s) => s.entryDate)).toEqual(["2018-09-05", "2025-09-01"]);
    expect(leo).toMatchObject({
      upn: UPN_B,
      formerUpn: TEMP_B,
      address: { line1: "3 Church Lane", line2: "Cockerton", town: "Darlington", postcode: "DL3 9AB" },
    });
    expect(mia!.contacts[0]).toMatchObject({ relationship: "step_parent", parentalResponsibility: false, title: null });
    expect(sameAddress(mia!.contacts[0]!.address, mia!.address)).toBe(true);
    expect(sameAddress(ava!.contacts[1]!.address, ava!.address)).toBe(false);
  });

  it("keeps the line of each element, and skips subtrees attendance work does not use", () => {
    const { pupils } = read(fixture());
    const marksLine =
      fixture()
        .split("\n")
        .findIndex((l) => l.includes("<AttendanceMarks>")) + 1;
    expect(pupils[0]!.years[0]!.attendSessions!.line).toBe(marksLine);
    const elements: CtfElement[] = [];
    const reader = new CtfReader({ header: () => {}, pupil: (p) => elements.push(p), error: () => {} });
    const parser = new SaxesParser();
    parser.on("opentag", (t) => reader.open(t.name, parser.line));
    parser.on("text", (t) => reader.text(t));
    parser.on("closetag", () => reader.close());
    parser.write(fixture()).close();
    expect(elements[0]!.children.map((c) => c.name)).not.toContain("StageAssessments");
    expect(elements[0]!.children.map((c) => c.name)).toContain("SchoolHistory");
  });

  it("refuses a file that is not a CTF, and reads namespaced element names", () => {
    expect(messages(read("<Register><Pupil/></Register>").errors)).toEqual([
      "Not a Common Transfer File: the root element is <Register>, not <CTfile>",
    ]);
    const namespaced = read(
      `<c:CTfile xmlns:c="urn:x"><c:CTFpupilData><c:Pupil><c:UPN>${UPN_A}</c:UPN></c:Pupil></c:CTFpupilData></c:CTfile>`,
    );
    expect(namespaced.errors).toEqual([]);
    expect(namespaced.pupils[0]!.upn).toBe(UPN_A);
  });

  it("takes Gender when there is no Sex (CTF 24 and earlier), and refuses the two disagreeing", () => {
    expect(read(pupilXml(`<UPN>${UPN_A}</UPN><Gender>M</Gender>`)).pupils[0]!.sex).toBe("M");
    const both = onePupil("<Gender>M</Gender>");
    expect(messages(validateCtfPupil(both))).toEqual(['Sex "F" and Gender "M" disagree']);
  });

  it("stops collecting a pupil that goes over the size limits, and says so", () => {
    const many =
      "<Contacts>" + "<Contact><Surname>X</Surname></Contact>".repeat(MAX_ELEMENTS_PER_PUPIL) + "</Contacts>";
    const big = read(
      `<CTfile><CTFpupilData><Pupil>${basics(many)}</Pupil><Pupil>${basics()}</Pupil></CTFpupilData></CTfile>`,
    );
    expect(big.errors).toHaveLength(1);
    expect(big.errors[0]!.message).toContain(`More than ${MAX_ELEMENTS_PER_PUPIL} elements`);
    expect(big.pupils).toHaveLength(1); // the next pupil is read as usual
    expect(big.reader.pupils).toBe(2);
    const long = read(pupilXml(basics(`<Email>${"x".repeat(30_000)}</Email>`)));
    expect(long.errors[0]!.message).toContain("longer than");
    expect(long.pupils).toHaveLength(0);
  });

  it("reads AddressLines and BS7666 addresses into four lines", () => {
    const lines = onePupil(
      "<Address><AddressLines><AddressLine1>1 High St</AddressLine1><AddressLine2>Hurworth</AddressLine2><AddressLine3>Near Croft</AddressLine3><AddressLine4>Darlington</AddressLine4></AddressLines><PostCode>DL2 2AA</PostCode></Address>",
    );
    expect(lines.address).toEqual({
      line1: "1 High St",
      line2: "Hurworth, Near Croft",
      town: "Darlington",
      postcode: "DL2 2AA",
    });
    const two = onePupil(
      "<Address><AddressLines><AddressLine1>1 High St</AddressLine1><AddressLine2>Darlington</AddressLine2></AddressLines></Address>",
    );
    expect(two.address).toEqual({ line1: "1 High St", line2: null, town: "Darlington", postcode: null });
    const bs = onePupil(
      "<Address><BS7666Address><PAON>Rose Cottage</PAON><Locality>Piercebridge</Locality><PostTown>Darlington</PostTown></BS7666Address></Address>",
    );
    expect(bs.address).toEqual({ line1: "Rose Cottage", line2: "Piercebridge", town: "Darlington", postcode: null });
    expect(onePupil("<Address></Address>").address).toBeNull();
  });
});

describe("validateCtfPupil", () => {
  it("reports a wrong UPN check letter, a bad former UPN, and missing or bad identity fields, with the pupil's line", () => {
    const p = read(
      `<CTfile><CTFpupilData>\n<Pupil><UPN>B207000016049</UPN><BasicDetails><FormerUPN>T20110001804S</FormerUPN></BasicDetails><DOB>12/03/2014</DOB><Sex>U</Sex></Pupil></CTFpupilData></CTfile>`,
    ).pupils[0]!;
    const errors = validateCtfPupil(p);
    expect(errors.every((e) => e.line === 2 && e.upn === "B207000016049")).toBe(true);
    expect(messages(errors)).toEqual([
      'Invalid UPN "B207000016049": The UPN check letter is wrong (character 1 should be P)',
      'Invalid former UPN "T20110001804S": Character 13 of a UPN must be a digit or a letter other than I, O or S',
      "Missing surname",
      "Missing forename",
      'Invalid date of birth "12/03/2014": use YYYY-MM-DD, like 2014-05-01',
      'Sex "U" is not M or F',
    ]);
    expect(messages(validateCtfPupil(read(pupilXml("<Surname>A</Surname>")).pupils[0]!))).toContain("Missing UPN");
  });

  it("accepts a temporary UPN", () => {
    expect(validateCtfPupil({ ...onePupil(), upn: TEMP_B })).toEqual([]);
  });

  it("checks contacts: names, Responsibility, and the same contact twice", () => {
    const p = onePupil(`<Contacts>
      <Contact><Order>1</Order><Forename>Sam</Forename><Relationship>PAM</Relationship><Responsibility>maybe</Responsibility></Contact>
      <Contact><Order>2</Order><Forename>Jo</Forename><Surname>Bell</Surname></Contact>
      <Contact><Order>3</Order><Forename>JO</Forename><Surname>bell</Surname></Contact></Contacts>`);
    expect(messages(validateCtfPupil(p))).toEqual([
      "Contact 1 has no surname",
      'Contact 1: Responsibility "maybe" is not true or false',
      "Duplicate row: Contact 3 has the same name as the contact at line 3",
    ]);
  });

  it("checks summary-only years: year, school, counts that add up, and no year twice", () => {
    const year = (y: string, lea: string, estab: string, possible: string, auth: string, unauth: string) =>
      `<YearData><Year>${y}</Year><LEA>${lea}</LEA><Estab>${estab}</Estab><SessionsPossible>${possible}</SessionsPossible><SessionsAuthorised>${auth}</SessionsAuthorised><SessionsUnauthorised>${unauth}</SessionsUnauthorised></YearData>`;
    const p = onePupil(`<Attendance>
      ${year("2023", "919", "2001", "380", "12", "8")}
      ${year("23", "XXX", "2001", "-1", "12", "8")}
      ${year("2022", "919", "2001", "10", "8", "8")}
      ${year("2023", "919", "2001", "380", "12", "8")}</Attendance>`);
    expect(messages(validateCtfPupil(p))).toEqual([
      "YearData LEA must be a 3-digit LA number (LEA XXX, Estab 2001)",
      'YearData Year must be the 4-digit year the academic year starts, like 2023 for 2023/24 (it is "23")',
      'SessionsPossible must be a whole number of sessions (it is "-1")',
      "SessionsAuthorised plus SessionsUnauthorised (16) is more than SessionsPossible (10)",
      "Duplicate row: the same year and school as the YearData at line 2",
    ]);
  });

  it("checks each marks string, giving the AttendanceMarks line and the date", () => {
    const p =
      read(`<CTfile><CTFpupilData><Pupil>${basics()}<Attendance><YearData><LEA>841</LEA><Estab>2001</Estab><AttendSessions>
      <AttendanceStartDate>2025-09-01</AttendanceStartDate>
      <AttendanceMarks>/\\/\\/\\/\\/\\/\\</AttendanceMarks></AttendSessions></YearData>
      <YearData><LEA>841</LEA><Estab>2001</Estab><AttendSessions><AttendanceMarks>/\\</AttendanceMarks></AttendSessions></YearData>
      </Attendance></Pupil></CTFpupilData></CTfile>`).pupils[0]!;
    const errors = validateCtfPupil(p);
    expect(errors.map((e) => [e.line, e.date, e.message.split(":")[0]])).toEqual([
      [3, "2025-09-06", "A mark on Saturday 6 September 2025 (and 1 more session in this string)"],
      [4, undefined, "AttendSessions has marks but no AttendanceStartDate"],
    ]);
  });

  it("treats an empty marks string as a summary-only year", () => {
    const p = onePupil(
      "<Attendance><YearData><Year>2024</Year><LEA>841</LEA><Estab>2001</Estab><SessionsPossible>10</SessionsPossible><SessionsAuthorised>0</SessionsAuthorised><SessionsUnauthorised>0</SessionsUnauthorised><AttendSessions><AttendanceStartDate>2024-09-02</AttendanceStartDate><AttendanceMarks></AttendanceMarks></AttendSessions></YearData></Attendance>",
    );
    expect(p.years[0]!.attendSessions).toBeNull();
    expect(validateCtfPupil(p)).toEqual([]);
  });
});

describe("expandMarks", () => {
  it("maps character i to session i % 2 of start + i / 2 days, skipping # and -", () => {
    const { marks, errors } = expandMarks("2025-09-01", "/\\N-##I\\####");
    expect(errors).toEqual([]);
    expect(marks).toEqual([
      { date: "2025-09-01", session: 0, code: "/", codeSet: 2024, category: "present" },
      { date: "2025-09-01", session: 1, code: "\\", codeSet: 2024, category: "present" },
      { date: "2025-09-02", session: 0, code: "N", codeSet: 2024, category: "unauthorised" },
      { date: "2025-09-04", session: 0, code: "I", codeSet: 2024, category: "authorised" },
      { date: "2025-09-04", session: 1, code: "\\", codeSet: 2024, category: "present" },
    ]);
  });

  it("refuses an odd length", () => {
    expect(expandMarks("2025-09-01", "/\\/")).toEqual({
      marks: [],
      errors: [
        {
          date: "2025-09-01",
          message: "The marks string has an odd number of characters (3): it must have two for every date, AM then PM",
        },
      ],
    });
  });

  it("refuses marks on a Saturday or Sunday, saying the file may use the weekday-only layout", () => {
    // Two school weeks written without weekends: the sixth date is a Saturday.
    const { errors } = expandMarks("2025-09-01", "/\\".repeat(10));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.date).toBe("2025-09-06");
    expect(errors[0]!.message).toContain("weekday-only layout");
    expect(errors[0]!.message).toContain("(and 3 more sessions in this string)");
  });

  it("refuses a code not in force on its date, once per code, by the code set of the date", () => {
    // Friday 16 August 2024: the 2006 set (H exists, K does not); Monday 19 August 2024: the 2024 set.
    const before = expandMarks("2024-08-16", "HK####HK");
    expect(before.marks.map((m) => [m.date, m.code, m.codeSet])).toEqual([
      ["2024-08-16", "H", 2006],
      ["2024-08-19", "K", 2024],
    ]);
    expect(messages(before.errors)).toEqual([
      'Code "K" is not valid on 16 August 2024: it is not in the 2006 code set (in force until 18 August 2024)',
      'Code "H" is not valid on 19 August 2024: it is not in the 2024 code set (in force from 19 August 2024)',
    ]);
    expect(before.errors[0]!.date).toBe("2024-08-16");
    const unknown = expandMarks("2025-09-01", "??/?");
    expect(messages(unknown.errors)).toEqual([
      'Code "?" is not valid on 1 September 2025: it is not in the 2024 code set (in force from 19 August 2024) (and 2 more sessions in this string)',
    ]);
    expect(expandMarks("2025-9-1", "/\\").errors[0]!.message).toContain("Invalid AttendanceStartDate");
  });

  it("round-trips any calendar-day string of single-character codes (property)", () => {
    const codes = ["/", "\\", "L", "N", "O", "I", "M", "B", "#", "-"];
    const day = fc.tuple(fc.constantFrom(...codes), fc.constantFrom(...codes)).map(([a, b]) => a + b);
    fc.assert(
      fc.property(fc.array(fc.array(day, { minLength: 5, maxLength: 5 }), { maxLength: 20 }), (weeks) => {
        const marks = weeks.map((w) => w.join("") + "####").join("");
        const result = expandMarks("2025-09-01", marks);
        expect(result.errors).toEqual([]);
        // Writing the marks back in the same layout gives the string with "-" read as no mark.
        const rebuilt = Array.from(marks, () => "#");
        const start = Date.parse("2025-09-01T00:00:00Z");
        for (const m of result.marks)
          rebuilt[((Date.parse(`${m.date}T00:00:00Z`) - start) / 86_400_000) * 2 + m.session] = m.code;
        expect(rebuilt.join("")).toBe(marks.replaceAll("-", "#"));
      }),
    );
  });
});

describe("code and value mappings", () => {
  it("maps CBDS relationship codes to ours", () => {
    expect(
      ["PAM", "PAF", "STM", "STF", "FOM", "FOF", "CAR", "FAM", "REL", "SWR", "DOC", "OTH", null].map(
        relationshipFromCtf,
      ),
    ).toEqual([
      "mother",
      "father",
      "step_parent",
      "step_parent",
      "foster_carer",
      "foster_carer",
      "carer",
      "other_relative",
      "other_relative",
      "other",
      "other",
      "other",
      "other",
    ]);
  });

  it("maps NCyearActual to a year group, or null", () => {
    expect(["R", "n1", "N2", "1", "07", "14", "15", "0", "X", "", null].map(yearGroupFromNc)).toEqual([
      "R",
      "N1",
      "N2",
      "1",
      "7",
      "14",
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it("requires the header's source school", () => {
    const h = readCtfHeader(
      read("<CTfile><Header><SourceSchool><LEA>84</LEA></SourceSchool></Header></CTfile>").header!,
    );
    expect(messages(validateCtfHeader(h))).toEqual([
      'The header\'s SourceSchool/LEA must be a 3-digit LA number (it is "84")',
      "The header's SourceSchool/Estab must be a 4-digit establishment number (it is missing)",
    ]);
  });
});

describe("SEN and free-school-meals history", () => {
  const sen = (periods: string) => `<SENhistory>${periods}</SENhistory>`;
  const senPeriod = (start: string, code: string) =>
    `<SEN><StartDate>${start}</StartDate><SENprovision>${code}</SENprovision></SEN>`;
  const fsm = (periods: string) => `<FSMhistory><FSMreviewDate>2026-09-01</FSMreviewDate>${periods}</FSMhistory>`;
  const fsmPeriod = (start: string, end?: string) =>
    `<FSMinstance><FSMstartDate>${start}</FSMstartDate>${end ? `<FSMendDate>${end}</FSMendDate>` : ""}<UKcountry>ENG</UKcountry></FSMinstance>`;

  it("reads SENhistory and FSMhistory, and null when the file has neither", () => {
    const p = onePupil(
      sen(senPeriod("2022-09-01", "K") + senPeriod("2024-01-10", "E")) +
        fsm(fsmPeriod("2021-09-01", "2022-07-20") + fsmPeriod("2025-04-01")),
    );
    expect(p.sen!.map((s) => [s.startDate, s.provision])).toEqual([
      ["2022-09-01", "K"],
      ["2024-01-10", "E"],
    ]);
    expect(p.fsm!.map((f) => [f.startDate, f.endDate])).toEqual([
      ["2021-09-01", "2022-07-20"],
      ["2025-04-01", null],
    ]);
    expect(validateCtfPupil(p)).toEqual([]);
    const none = onePupil();
    expect([none.sen, none.fsm]).toEqual([null, null]);
    // An FSMhistory with no instance says "not eligible", which is not the same as saying nothing.
    expect(onePupil(fsm("")).fsm).toEqual([]);
  });

  it("refuses an SEN code it does not know, a period without its code or start, and bad dates, with their lines", () => {
    const p = read(
      pupilXml(
        basics(
          `\n<SENhistory>\n<SEN><StartDate>2024-13-01</StartDate><SENprovision>X</SENprovision></SEN>\n<SEN><StartDate>2024-01-01</StartDate></SEN></SENhistory>` +
            `\n<FSMhistory>\n<FSMinstance><FSMendDate>2025-01-01</FSMendDate></FSMinstance>\n<FSMinstance><FSMstartDate>2025-03-01</FSMstartDate><FSMendDate>2025-02-01</FSMendDate></FSMinstance></FSMhistory>`,
        ),
      ),
    ).pupils[0]!;
    expect(validateCtfPupil(p).map((e) => [e.line, e.message])).toEqual([
      [3, 'SENprovision "X" is not a CTF code: N (none), K (SEN support), E (EHC plan), or the older A, P or S'],
      [3, 'Invalid SEN StartDate "2024-13-01": use YYYY-MM-DD'],
      [4, "SENhistory/SEN has no SENprovision: N, K or E (or the older A, P or S)"],
      [6, "FSMinstance has no FSMstartDate"],
      [7, "FSMendDate 2025-02-01 is before FSMstartDate 2025-03-01"],
    ]);
  });
});
