import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import {
  DEFAULT_REFERRAL_SETTINGS,
  evaluateReferralGrounds,
  isParentInLaw,
  validateReferralSettings,
  type GroundsInput,
  type GroundsMark,
  type ParentLink,
} from "./referral-grounds";

const mother: ParentLink = {
  parentId: "p-mother",
  name: "Zoë Łukasz-Nguyễn",
  relationship: "mother",
  parentalResponsibility: true,
  livesWithPupil: true,
};
const grandparent: ParentLink = {
  parentId: "p-gran",
  name: "Siobhán Wójcik",
  relationship: "grandparent",
  parentalResponsibility: false,
  livesWithPupil: false,
};

/** Weekday sessions from `start` for `days` school days: the first `codes.length` sessions take those codes, the
 * rest are present. */
function marks(start: string, days: number, codes: string[] = []): GroundsMark[] {
  const out: GroundsMark[] = [];
  let d = start;
  while (out.length < days * 2) {
    const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (dow !== 0 && dow !== 6) {
      for (const session of ["AM", "PM"] as const) {
        const i = out.length;
        out.push({ date: d, session, code: codes[i] ?? (session === "AM" ? "/" : "\\") });
      }
    }
    d = addDays(d, 1);
  }
  return out;
}

const base = (over: Partial<GroundsInput> = {}): GroundsInput => ({
  window: { start: "2026-01-05", end: "2026-03-27" },
  dateOfBirth: "2015-05-01",
  enrolments: [{ schoolId: "s1", start: "2019-09-01", end: null }],
  marks: marks("2026-01-05", 60),
  referralMinimum: 10,
  parties: [{ parentId: mother.parentId, link: mother }],
  ...over,
});

describe("evaluateReferralGrounds", () => {
  it("refers at the referral minimum and not one session below it", () => {
    const at = evaluateReferralGrounds(base({ marks: marks("2026-01-05", 60, Array(10).fill("O")) }));
    expect(at.refer).toBe(true);
    expect(at.reasons).toEqual([]);
    expect(at.parentIds).toEqual(["p-mother"]);
    expect(at.reliedOnSessions).toEqual({ possible: 120, authorised: 0, unauthorised: 10 });
    expect(at.unauthorisedMarks).toHaveLength(10);

    const below = evaluateReferralGrounds(base({ marks: marks("2026-01-05", 60, Array(9).fill("N")) }));
    expect(below.refer).toBe(false);
    expect(below.parentIds).toEqual([]);
    expect(below.reasons).toEqual([
      { code: "below_referral_minimum", message: "9 unauthorised sessions; this authority refers from 10" },
    ]);
  });

  it("counts every unauthorised code (G, N, O, U) and no authorised one", () => {
    const codes = ["G", "N", "O", "U", "I", "M", "C", "R", "T", "E"];
    const g = evaluateReferralGrounds(base({ marks: marks("2026-01-05", 60, codes), referralMinimum: 4 }));
    expect(g.reliedOnSessions).toMatchObject({ authorised: 6, unauthorised: 4 });
    expect(g.unauthorisedMarks.map((m) => m.code)).toEqual(["G", "N", "O", "U"]);
    expect(g.refer).toBe(true);
  });

  it("never refers all-authorised absence: absence with leave is not an offence", () => {
    const g = evaluateReferralGrounds(base({ marks: marks("2026-01-05", 60, ["I", "I", "M", "C", "I", "I"]) }));
    expect(g.refer).toBe(false);
    expect(g.reasons).toEqual([
      {
        code: "no_unauthorised_absence",
        message: "all 6 absent sessions were authorised: absence with leave is not an offence (section 444(3))",
      },
    ]);
    // Even with a minimum of 1.
    expect(
      evaluateReferralGrounds(base({ marks: marks("2026-01-05", 60, ["I", "I"]), referralMinimum: 1 })).refer,
    ).toBe(false);
  });

  it("relies only on days of compulsory school age: a pupil who reaches it inside the window", () => {
    // Born 10 January 2021: 5 on 10 January 2026, compulsory from 31 March 2026.
    const window = { start: "2026-02-02", end: "2026-04-24" };
    const before = marks("2026-02-02", 40, Array(20).fill("O")); // 2 Feb – 27 Mar: 20 unauthorised
    const after = marks("2026-03-31", 15, Array(6).fill("O")); // 31 Mar – 20 Apr: 6 unauthorised
    const g = evaluateReferralGrounds(base({ window, dateOfBirth: "2021-01-10", marks: [...before, ...after] }));
    expect(g.reliedOn).toEqual({ from: "2026-03-31", to: "2026-04-24" });
    expect(g.reliedOnSessions.unauthorised).toBe(6);
    expect(g.refer).toBe(false);
    expect(g.reasons).toEqual([
      {
        code: "not_compulsory_school_age",
        message:
          "the pupil was below compulsory school age until 31 March 2026: the 20 unauthorised sessions outside it are not relied on",
      },
      { code: "below_referral_minimum", message: "6 unauthorised sessions; this authority refers from 10" },
    ]);

    // Enough after the start: referred over the part relied on, and the documents say what was left out.
    const more = marks("2026-03-31", 15, Array(12).fill("O"));
    const referred = evaluateReferralGrounds(base({ window, dateOfBirth: "2021-01-10", marks: [...before, ...more] }));
    expect(referred.refer).toBe(true);
    expect(referred.reliedOnSessions.unauthorised).toBe(12);
    expect(referred.notReliedOn).toEqual([
      "the pupil was below compulsory school age until 31 March 2026: the 20 unauthorised sessions outside it are not relied on",
    ]);
  });

  it("does not refer a window wholly outside compulsory school age", () => {
    const g = evaluateReferralGrounds(
      base({ dateOfBirth: "2021-06-01", marks: marks("2026-01-05", 60, Array(30).fill("O")) }),
    );
    expect(g.refer).toBe(false);
    expect(g.reliedOn).toBeNull();
    expect(g.reasons).toEqual([
      {
        code: "not_compulsory_school_age",
        message:
          "the pupil was not of compulsory school age at any time in the window (from 31 August 2026 to 26 June 2037)",
      },
    ]);
  });

  it("relies only on days the pupil was a registered pupil", () => {
    const g = evaluateReferralGrounds(
      base({
        enrolments: [{ schoolId: "s1", start: "2026-02-02", end: null }],
        marks: marks("2026-01-05", 60, Array(12).fill("O")), // 5–12 Jan: 12 unauthorised before the enrolment
      }),
    );
    expect(g.refer).toBe(false);
    expect(g.reasons.map((r) => r.code)).toEqual(["not_registered", "no_unauthorised_absence"]);
    expect(g.reasons[0]!.message).toBe(
      "the pupil was not a registered pupil on 20 days of the window: the 12 unauthorised sessions on them are not relied on",
    );
    expect(g.schoolIds).toEqual(["s1"]);
  });

  it("refers only parents in law (section 576), naming the others", () => {
    const g = evaluateReferralGrounds(
      base({
        marks: marks("2026-01-05", 60, Array(10).fill("O")),
        parties: [
          { parentId: mother.parentId, link: mother },
          { parentId: grandparent.parentId, link: grandparent },
        ],
      }),
    );
    expect(g.refer).toBe(true);
    expect(g.parentIds).toEqual(["p-mother"]);
    expect(g.reasons).toEqual([
      {
        code: "not_a_parent",
        parentId: "p-gran",
        message:
          "Siobhán Wójcik (grandparent) has no parental responsibility and does not live with the pupil, so is not a parent under section 576 and is not referred",
      },
    ]);

    const none = evaluateReferralGrounds(
      base({
        marks: marks("2026-01-05", 60, Array(10).fill("O")),
        parties: [{ parentId: grandparent.parentId, link: grandparent }],
      }),
    );
    expect(none.refer).toBe(false);
    expect(none.reasons.map((r) => r.code)).toEqual(["not_a_parent"]);
  });

  it("reads s.576: natural parent, parental responsibility, or care of the child", () => {
    const who = { relationship: "other", parentalResponsibility: false, livesWithPupil: false };
    expect(isParentInLaw(who)).toBe(false);
    expect(isParentInLaw({ ...who, relationship: "father" })).toBe(true);
    expect(isParentInLaw({ ...who, parentalResponsibility: true })).toBe(true);
    expect(isParentInLaw({ ...who, relationship: "grandparent", livesWithPupil: true })).toBe(true);
    expect(isParentInLaw({ ...who, relationship: "step_parent" })).toBe(false);
  });
});

describe("validateReferralSettings", () => {
  it("accepts 1 to 380 whole sessions and nothing else; the default is 10", () => {
    expect(DEFAULT_REFERRAL_SETTINGS.referralMinimum).toBe(10);
    for (const ok of [1, 10, 380])
      expect(validateReferralSettings({ ...DEFAULT_REFERRAL_SETTINGS, referralMinimum: ok })).toEqual([]);
    for (const bad of [0, -1, 1.5, 381, Number.NaN])
      expect(validateReferralSettings({ ...DEFAULT_REFERRAL_SETTINGS, referralMinimum: bad })).toEqual([
        {
          field: "referralMinimum",
          message: "The referral minimum must be a whole number of unauthorised sessions from 1 to 380",
        },
      ]);
  });
});
