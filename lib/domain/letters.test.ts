import { describe, expect, it } from "vitest";
import {
  DEFAULT_TEMPLATES,
  LETTER_KINDS,
  MERGE_FIELDS,
  SAMPLE_VALUES,
  describeTarget,
  formatAddress,
  letterKindFromSlug,
  letterKindSlug,
  mergeFieldsIn,
  mergeTemplate,
  missingFields,
  parentNames,
  validateTemplate,
} from "./letters";

describe("validateTemplate", () => {
  it("accepts every built-in template", () => {
    for (const kind of LETTER_KINDS) expect(validateTemplate(DEFAULT_TEMPLATES[kind])).toEqual([]);
  });

  it("names an unknown field and its line, and suggests the likely one", () => {
    const body = "Dear {{parent.name}},\n\nAbout {{pupil.nmae}} and {{ school.name }}.\n{{pupil.shoeSize}}";
    expect(validateTemplate({ subject: "Attendance", body })).toEqual([
      { field: "body", message: "Unknown merge field {{pupil.nmae}} on line 3. Did you mean {{pupil.name}}?" },
      { field: "body", message: "Unknown merge field {{pupil.shoeSize}} on line 4" },
    ]);
  });

  it("checks the subject's fields too", () => {
    expect(validateTemplate({ subject: "About {{pupill.name}}", body: "Text" })).toEqual([
      { field: "subject", message: "Unknown merge field {{pupill.name}} in the subject. Did you mean {{pupil.name}}?" },
    ]);
  });

  it("refuses empty fields, unmatched braces, blanks and over-long text", () => {
    expect(validateTemplate({ subject: "x", body: "a {{}} b" })[0]?.message).toMatch(
      /^Empty merge field \{\{\}\} on line 1/,
    );
    expect(validateTemplate({ subject: "x", body: "ok\nDear {{parent.name" })).toEqual([
      {
        field: "body",
        message: "Unmatched braces on line 2: a merge field is written {{name}}, with two braces each side on one line",
      },
    ]);
    expect(validateTemplate({ subject: "x", body: "ok }} here" })[0]?.message).toMatch(/^Unmatched braces on line 1/);
    expect(validateTemplate({ subject: "  ", body: " \n " })).toEqual([
      { field: "subject", message: "Enter the subject" },
      { field: "body", message: "Enter the letter text" },
    ]);
    expect(validateTemplate({ subject: "s".repeat(201), body: "b".repeat(20_001) }).map((p) => p.field)).toEqual([
      "subject",
      "body",
    ]);
  });

  it("counts lines the same with Windows line endings", () => {
    expect(validateTemplate({ subject: "x", body: "one\r\ntwo\r\n{{bad}}" })[0]?.message).toBe(
      "Unknown merge field {{bad}} on line 3",
    );
  });
});

describe("merging", () => {
  it("fills every field, allowing spaces inside the braces", () => {
    expect(
      mergeTemplate("Dear {{ parent.salutation }},\nre {{pupil.name}}", {
        "parent.salutation": "Ms Hart",
        "pupil.name": "Amelia Hart",
      }),
    ).toBe("Dear Ms Hart,\nre Amelia Hart");
  });

  it("merges every built-in template with the sample values, leaving no braces", () => {
    for (const kind of LETTER_KINDS) {
      const { subject, body } = DEFAULT_TEMPLATES[kind];
      expect(missingFields({ subject, body }, SAMPLE_VALUES)).toEqual([]);
      const merged = mergeTemplate(body, SAMPLE_VALUES);
      expect(merged).not.toMatch(/\{\{|\}\}/);
      expect(merged).toContain("Ms Jane Sample");
      expect(mergeTemplate(subject, SAMPLE_VALUES)).toContain("Alex Sample");
    }
  });

  it("cites section 444 of the Education Act 1996 in the warning letters only", () => {
    expect(DEFAULT_TEMPLATES.warning.body).toContain("section 444 of the Education Act 1996");
    expect(DEFAULT_TEMPLATES.final_warning.body).toContain("section 444 of the Education Act 1996");
    expect(DEFAULT_TEMPLATES.meeting_invitation.body).not.toContain("section 444");
  });

  it("lists the fields with no value, once each; a blank value is not missing", () => {
    const template = {
      subject: "{{pupil.name}}",
      body: "{{meeting.date}} {{meeting.time}} {{meeting.date}} {{parent.address}}",
    };
    expect(missingFields(template, { "pupil.name": "A", "parent.address": "" })).toEqual([
      "meeting.date",
      "meeting.time",
    ]);
  });

  it("throws rather than leave a gap or an unknown field in a letter", () => {
    expect(() => mergeTemplate("{{meeting.date}}", {})).toThrow(/No value for merge field \{\{meeting.date\}\}/);
    expect(() => mergeTemplate("{{nope}}", {})).toThrow(/Unknown merge field/);
  });

  it("finds each field with its line", () => {
    expect(mergeFieldsIn("a {{x}}\n\n{{ y }} {{z}}")).toEqual([
      { key: "x", line: 1 },
      { key: "y", line: 3 },
      { key: "z", line: 3 },
    ]);
  });

  it("has sample values for every merge field", () => {
    for (const field of MERGE_FIELDS) expect(SAMPLE_VALUES[field.key]).toBeTruthy();
  });
});

describe("letter helpers", () => {
  it("formats names, addresses and targets", () => {
    expect(parentNames({ title: "Mr", firstName: "Tom", lastName: "Hart" })).toEqual({
      name: "Mr Tom Hart",
      salutation: "Mr Hart",
    });
    expect(parentNames({ title: null, firstName: "Sam", lastName: "Lee" })).toEqual({
      name: "Sam Lee",
      salutation: "Sam Lee",
    });
    expect(formatAddress(["1 High Row", null, " Darlington ", "", "DL1 1AA"])).toBe("1 High Row\nDarlington\nDL1 1AA");
    expect(describeTarget({ minAttendancePct: 90, maxUnauthorisedSessions: null })).toBe("attendance of at least 90%");
    expect(describeTarget({ minAttendancePct: 92.5, maxUnauthorisedSessions: 1 })).toBe(
      "attendance of at least 92.5% and no more than 1 unauthorised session of absence",
    );
  });

  it("maps kinds to URL slugs and back", () => {
    for (const kind of LETTER_KINDS) expect(letterKindFromSlug(letterKindSlug(kind))).toBe(kind);
    expect(letterKindFromSlug("meeting-invitation")).toBe("meeting_invitation");
    expect(letterKindFromSlug("threat")).toBeNull();
  });
});
