import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bySentenceType,
  allowedSentenceTypes,
  MAX_COMMUNITY_ORDER_MONTHS,
  MAX_CONDITIONAL_DISCHARGE_MONTHS,
  MAX_PARENTING_ORDER_MONTHS,
  OFFENCE_LABELS,
  OFFENCE_LIMITS,
  OFFENCES,
  type Outcome,
  type Sentence,
  SENTENCE_TYPES,
  validateOutcome,
} from "./sentencing";

/** A guilty outcome with the given sentences and nothing else to find fault with. */
function guilty(...sentences: Sentence[]): Outcome {
  return { plea: "guilty", verdict: "guilty", sentences, costsPence: 0, victimSurchargePence: 0 };
}
const fine = (amountPence: number): Sentence => ({ type: "fine", amountPence });
const custody = (days: number, suspended = false): Sentence => ({ type: "custody", days, suspended });

describe("the limits table", () => {
  it("has the statutory caps per offence (domain.md §3.1)", () => {
    expect(OFFENCE_LIMITS["s444(1)"]).toEqual({
      fineLevel: 3,
      maxFinePence: 100_000,
      custodyAllowed: false,
      maxCustodyDays: 0,
      communityOrderAllowed: false,
    });
    expect(OFFENCE_LIMITS["s444(1A)"]).toEqual({
      fineLevel: 4,
      maxFinePence: 250_000,
      custodyAllowed: true,
      maxCustodyDays: 92,
      communityOrderAllowed: true,
    });
    expect(OFFENCE_LABELS).toEqual({
      "s444(1)": "Section 444(1), Education Act 1996",
      "s444(1A)": "Section 444(1A), Education Act 1996",
    });
    for (const o of OFFENCES) expect(OFFENCE_LIMITS[o].custodyAllowed).toBe(OFFENCE_LIMITS[o].maxCustodyDays > 0);
  });

  it("offers custody and community orders only under s.444(1A)", () => {
    expect(allowedSentenceTypes("s444(1)")).toEqual([
      "fine",
      "conditional_discharge",
      "absolute_discharge",
      "parenting_order",
    ]);
    expect(allowedSentenceTypes("s444(1A)")).toEqual([...SENTENCE_TYPES]);
  });
});

describe("fines at the caps", () => {
  it("s.444(1): £1,000.00 is accepted, £1,000.01 refused naming the limit and the offence", () => {
    expect(validateOutcome("s444(1)", guilty(fine(100_000)))).toEqual([]);
    expect(validateOutcome("s444(1)", guilty(fine(100_001)))).toEqual([
      {
        field: "sentences.0.amountPence",
        message: "A fine under section 444(1) can be at most £1,000.00 (level 3); £1,000.01 was entered",
      },
    ]);
  });

  it("s.444(1A): £2,500.00 is accepted, £2,500.01 refused", () => {
    expect(validateOutcome("s444(1A)", guilty(fine(250_000)))).toEqual([]);
    expect(validateOutcome("s444(1A)", guilty(fine(250_001)))).toEqual([
      {
        field: "sentences.0.amountPence",
        message: "A fine under section 444(1A) can be at most £2,500.00 (level 4); £2,500.01 was entered",
      },
    ]);
  });

  it("refuses a fine of nothing or of part of a penny", () => {
    const message = "A fine must be at least £0.01, in whole pence";
    expect(validateOutcome("s444(1)", guilty(fine(0)))).toEqual([{ field: "sentences.0.amountPence", message }]);
    expect(validateOutcome("s444(1)", guilty(fine(-100)))).toEqual([{ field: "sentences.0.amountPence", message }]);
    expect(validateOutcome("s444(1)", guilty(fine(10.5)))).toEqual([{ field: "sentences.0.amountPence", message }]);
    expect(validateOutcome("s444(1)", guilty(fine(1)))).toEqual([]);
  });
});

describe("custody", () => {
  it("s.444(1A): 92 days is accepted, immediate or suspended; 93 refused", () => {
    expect(validateOutcome("s444(1A)", guilty(custody(92)))).toEqual([]);
    expect(validateOutcome("s444(1A)", guilty(custody(92, true)))).toEqual([]);
    expect(validateOutcome("s444(1A)", guilty(custody(93)))).toEqual([
      {
        field: "sentences.0.days",
        message: "Custody under section 444(1A) can be at most 3 months (92 days); 93 days was entered",
      },
    ]);
    expect(validateOutcome("s444(1A)", guilty(custody(93, true)))).toHaveLength(1);
  });

  it("s.444(1): any custody is refused, naming the offence and its maximum", () => {
    for (const days of [1, 60, 92]) {
      expect(validateOutcome("s444(1)", guilty(custody(days)))).toEqual([
        {
          field: "sentences.0.type",
          message:
            "Custody is not available under section 444(1): the maximum sentence is a fine of £1,000.00 (level 3)",
        },
      ]);
    }
    expect(validateOutcome("s444(1)", guilty(custody(14, true)))).toHaveLength(1);
  });

  it("needs a whole number of days, at least 1", () => {
    const message = "Enter the custody length as a whole number of days, at least 1";
    expect(validateOutcome("s444(1A)", guilty(custody(0)))).toEqual([{ field: "sentences.0.days", message }]);
    expect(validateOutcome("s444(1A)", guilty(custody(1.5)))).toEqual([{ field: "sentences.0.days", message }]);
    expect(validateOutcome("s444(1A)", guilty(custody(1)))).toEqual([]);
  });

  it('combines with a fine under s.444(1A) ("and/or")', () => {
    expect(validateOutcome("s444(1A)", guilty(fine(250_000), custody(92)))).toEqual([]);
  });
});

describe("community orders", () => {
  it("are refused under s.444(1) and accepted under s.444(1A) up to 36 months", () => {
    expect(validateOutcome("s444(1)", guilty({ type: "community_order", months: 6 }))).toEqual([
      {
        field: "sentences.0.type",
        message:
          "A community order is not available under section 444(1): the maximum sentence is a fine of £1,000.00 (level 3)",
      },
    ]);
    expect(
      validateOutcome("s444(1A)", guilty({ type: "community_order", months: MAX_COMMUNITY_ORDER_MONTHS })),
    ).toEqual([]);
    expect(validateOutcome("s444(1A)", guilty({ type: "community_order", months: 37 }))).toEqual([
      {
        field: "sentences.0.months",
        message: "A community order under section 444(1A) can last at most 36 months (3 years); 37 months was entered",
      },
    ]);
    expect(validateOutcome("s444(1A)", guilty({ type: "community_order", months: 0 }))).toEqual([
      {
        field: "sentences.0.months",
        message: "Enter the length of the community order as a whole number of months, at least 1",
      },
    ]);
  });
});

describe("discharges and parenting orders", () => {
  it.each(OFFENCES)("conditional discharge under %s: 36 months accepted, 37 refused", (offence) => {
    expect(MAX_CONDITIONAL_DISCHARGE_MONTHS).toBe(36);
    expect(validateOutcome(offence, guilty({ type: "conditional_discharge", months: 36 }))).toEqual([]);
    expect(validateOutcome(offence, guilty({ type: "conditional_discharge", months: 37 }))).toEqual([
      {
        field: "sentences.0.months",
        message: `A conditional discharge under section ${offence.slice(1)} can last at most 36 months (3 years); 37 months was entered`,
      },
    ]);
  });

  it.each(OFFENCES)("parenting order under %s: 12 months accepted, 13 refused", (offence) => {
    expect(MAX_PARENTING_ORDER_MONTHS).toBe(12);
    expect(validateOutcome(offence, guilty({ type: "parenting_order", months: 12 }))).toEqual([]);
    expect(validateOutcome(offence, guilty({ type: "parenting_order", months: 13 }))).toEqual([
      {
        field: "sentences.0.months",
        message: `A parenting order under section ${offence.slice(1)} can last at most 12 months (1 year); 13 months was entered`,
      },
    ]);
    expect(validateOutcome(offence, guilty({ type: "parenting_order", months: 2.5 }))).toEqual([
      {
        field: "sentences.0.months",
        message: "Enter the length of the parenting order as a whole number of months, at least 1",
      },
    ]);
  });

  it("accepts an absolute discharge on its own, and a conditional discharge with a parenting order", () => {
    expect(validateOutcome("s444(1)", guilty({ type: "absolute_discharge" }))).toEqual([]);
    expect(
      validateOutcome(
        "s444(1)",
        guilty({ type: "conditional_discharge", months: 12 }, { type: "parenting_order", months: 12 }),
      ),
    ).toEqual([]);
  });

  it("refuses an absolute and a conditional discharge together", () => {
    expect(
      validateOutcome("s444(1)", guilty({ type: "absolute_discharge" }, { type: "conditional_discharge", months: 12 })),
    ).toEqual([{ field: "sentences", message: "Enter either an absolute or a conditional discharge, not both" }]);
  });

  it("matches Isle of Wight v Platt: 12-month conditional discharge, £2,000 costs, £20 surcharge (domain.md §3.1)", () => {
    const platt: Outcome = {
      plea: "not_guilty",
      verdict: "guilty",
      sentences: [{ type: "conditional_discharge", months: 12 }],
      costsPence: 200_000,
      victimSurchargePence: 2_000,
    };
    expect(validateOutcome("s444(1)", platt)).toEqual([]);
  });
});

describe("verdicts, pleas and sentences", () => {
  it("needs at least one sentence on a guilty verdict", () => {
    expect(validateOutcome("s444(1)", guilty())).toEqual([
      { field: "sentences", message: "Enter the sentence for the guilty verdict (an absolute discharge counts)" },
    ]);
  });

  it.each(["not_guilty", "withdrawn", "dismissed"] as const)(
    "takes no sentence, costs or surcharge when %s",
    (verdict) => {
      const clean: Outcome = { plea: "not_guilty", verdict, sentences: [], costsPence: 0, victimSurchargePence: 0 };
      expect(validateOutcome("s444(1)", clean)).toEqual([]);
      expect(validateOutcome("s444(1)", { ...clean, plea: "none" })).toEqual([]);
      const label = { not_guilty: "not guilty", withdrawn: "withdrawn", dismissed: "dismissed" }[verdict];
      expect(
        validateOutcome("s444(1)", { ...clean, sentences: [fine(5_000)], costsPence: 1, victimSurchargePence: 1 }),
      ).toEqual([
        {
          field: "sentences",
          message: `A sentence can only be recorded with a guilty verdict; the verdict is ${label}`,
        },
        { field: "costsPence", message: "Costs can only be ordered against a parent found guilty; enter £0.00" },
        {
          field: "victimSurchargePence",
          message: "The victim surcharge can only be ordered against a parent found guilty; enter £0.00",
        },
      ]);
    },
  );

  it("refuses a guilty plea with any other verdict", () => {
    const outcome: Outcome = {
      plea: "guilty",
      verdict: "dismissed",
      sentences: [],
      costsPence: 0,
      victimSurchargePence: 0,
    };
    expect(validateOutcome("s444(1)", outcome)).toEqual([
      {
        field: "verdict",
        message:
          "The parent pleaded guilty, so the verdict must be guilty; if the plea was changed, record the new plea",
      },
    ]);
  });

  it("accepts a guilty verdict after a not-guilty plea or no plea (trial, or proof in absence)", () => {
    expect(validateOutcome("s444(1)", { ...guilty(fine(100)), plea: "not_guilty" })).toEqual([]);
    expect(validateOutcome("s444(1)", { ...guilty(fine(100)), plea: "none" })).toEqual([]);
  });

  it("refuses the same sentence type twice, naming the repeat", () => {
    expect(validateOutcome("s444(1A)", guilty(fine(100), custody(10), fine(200)))).toEqual([
      { field: "sentences.2.type", message: "Fine is entered more than once: enter it once" },
    ]);
  });

  it("refuses negative or fractional costs and surcharge", () => {
    expect(validateOutcome("s444(1)", { ...guilty(fine(100)), costsPence: -1, victimSurchargePence: 0.5 })).toEqual([
      { field: "costsPence", message: "Costs must be £0.00 or more, in whole pence" },
      { field: "victimSurchargePence", message: "The victim surcharge must be £0.00 or more, in whole pence" },
    ]);
  });

  it("reports every broken rule, not only the first", () => {
    const errors = validateOutcome("s444(1)", {
      ...guilty(fine(100_001), custody(10), { type: "community_order", months: 6 }),
      costsPence: -5,
    });
    expect(errors.map((e) => e.field)).toEqual([
      "sentences.0.amountPence",
      "sentences.1.type",
      "sentences.2.type",
      "costsPence",
    ]);
  });
});

describe("properties", () => {
  const offence = fc.constantFrom(...OFFENCES);

  it("accepts any whole-pence fine from 1p up to the cap, and refuses any above it", () => {
    fc.assert(
      fc.property(offence, fc.integer({ min: 1, max: 250_000 }), (o, p) => {
        const errors = validateOutcome(o, guilty(fine(p)));
        expect(errors.length === 0).toBe(p <= OFFENCE_LIMITS[o].maxFinePence);
      }),
    );
    fc.assert(
      fc.property(offence, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (o, excess) => {
        const amount = Math.min(OFFENCE_LIMITS[o].maxFinePence + excess, Number.MAX_SAFE_INTEGER);
        const [error] = validateOutcome(o, guilty(fine(amount)));
        expect(error?.message.startsWith(`A fine under section ${o.slice(1)} can be at most`)).toBe(true);
      }),
    );
  });

  it("accepts custody of 1 to 92 days only under s.444(1A), and refuses anything longer", () => {
    fc.assert(
      fc.property(offence, fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (o, days, suspended) => {
        const ok = validateOutcome(o, guilty(custody(days, suspended))).length === 0;
        expect(ok).toBe(o === "s444(1A)" && days <= 92);
      }),
    );
  });

  it("refuses every sentence without a guilty verdict", () => {
    const verdict = fc.constantFrom("not_guilty", "withdrawn", "dismissed" as const);
    fc.assert(
      fc.property(offence, verdict, fc.constantFrom(...SENTENCE_TYPES), (o, v, type) => {
        const sentence = { type, amountPence: 100, days: 1, suspended: false, months: 1 } as Sentence;
        const outcome: Outcome = {
          plea: "none",
          verdict: v,
          sentences: [sentence],
          costsPence: 0,
          victimSurchargePence: 0,
        };
        expect(validateOutcome(o, outcome).some((e) => e.field === "sentences")).toBe(true);
      }),
    );
  });
});

describe("the order sentences are shown in", () => {
  it("is SENTENCE_TYPES' order whatever order they were read in, an unknown type last", () => {
    const read = ["community_order", "custody", "mystery", "fine", "absolute_discharge"].map((type) => ({ type }));
    expect([...read].sort(bySentenceType((s) => s.type)).map((s) => s.type)).toEqual([
      "fine",
      "custody",
      "absolute_discharge",
      "community_order",
      "mystery",
    ]);
    fc.assert(
      fc.property(fc.shuffledSubarray([...SENTENCE_TYPES]), (types) => {
        const sorted = types.map((type) => ({ type })).sort(bySentenceType((s) => s.type));
        expect(sorted.map((s) => s.type)).toEqual(SENTENCE_TYPES.filter((t) => types.includes(t)));
      }),
    );
  });
});
