import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPence, parsePounds } from "./money";

const pence = fc.maxSafeNat();

describe("formatPence", () => {
  it("shows pounds with thousands separators and two decimal places", () => {
    expect(formatPence(250_000)).toBe("£2,500.00");
    expect(formatPence(100_001)).toBe("£1,000.01");
    expect(formatPence(0)).toBe("£0.00");
    expect(formatPence(5)).toBe("£0.05");
    expect(formatPence(99_999)).toBe("£999.99");
    expect(formatPence(123_456_789)).toBe("£1,234,567.89");
    expect(formatPence(Number.MAX_SAFE_INTEGER)).toBe("£90,071,992,547,409.91");
  });

  it("refuses negative amounts and fractions of a penny", () => {
    expect(() => formatPence(-1)).toThrow(RangeError);
    expect(() => formatPence(1.5)).toThrow(RangeError);
    expect(() => formatPence(Number.NaN)).toThrow(RangeError);
    expect(() => formatPence(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe("parsePounds", () => {
  it.each([
    ["2,500.00", 250_000],
    ["2500", 250_000],
    ["2,500", 250_000],
    ["£2,500.00", 250_000],
    ["  £1,000.01 ", 100_001],
    ["2500.5", 250_050],
    ["0.29", 29], // 0.29 * 100 is 28.999… in floating point
    ["1.10", 110],
    ["0", 0],
    ["007.05", 705],
    ["1,234,567.89", 123_456_789],
    ["90,071,992,547,409.91", Number.MAX_SAFE_INTEGER],
  ])("reads %j as %i pence", (input, expected) => {
    expect(parsePounds(input)).toEqual({ ok: true, pence: expected });
  });

  it.each([
    ["", "Enter the amount"],
    ["   ", "Enter the amount"],
    ["-5", "The amount must be £0.00 or more"],
    ["-£5.00", "The amount must be £0.00 or more"],
    ["£-5", "The amount must be £0.00 or more"],
    ["2,500.001", "The amount must be in pounds and pence, with no more than 2 decimal places"],
    ["2.999", "The amount must be in pounds and pence, with no more than 2 decimal places"],
    ["25,00", "The amount must be an amount in pounds and pence, like £2,500.00"],
    ["2,5000", "The amount must be an amount in pounds and pence, like £2,500.00"],
    [",500", "The amount must be an amount in pounds and pence, like £2,500.00"],
    ["2500.", "The amount must be an amount in pounds and pence, like £2,500.00"],
    [".50", "The amount must be an amount in pounds and pence, like £2,500.00"],
    ["1e3", "The amount must be an amount in pounds and pence, like £2,500.00"],
    ["£ 5", "The amount must be an amount in pounds and pence, like £2,500.00"],
    ["five pounds", "The amount must be an amount in pounds and pence, like £2,500.00"],
    ["$5", "The amount must be an amount in pounds and pence, like £2,500.00"],
    ["90,071,992,547,409.92", "The amount is too large"],
    ["1000000000000000", "The amount is too large"],
  ])("refuses %j: %s", (input, message) => {
    expect(parsePounds(input)).toEqual({ ok: false, message });
  });

  it("names the field in its messages", () => {
    expect(parsePounds("", "the fine")).toEqual({ ok: false, message: "Enter the fine" });
    expect(parsePounds("-1", "costs")).toEqual({ ok: false, message: "Costs must be £0.00 or more" });
  });
});

describe("properties", () => {
  it("parses what it formats (parse ∘ format is the identity)", () => {
    fc.assert(
      fc.property(pence, (p) => {
        expect(parsePounds(formatPence(p))).toEqual({ ok: true, pence: p });
      }),
    );
  });

  it("formats what it parses back to the canonical text", () => {
    const canonical = pence.map(formatPence);
    fc.assert(
      fc.property(canonical, (text) => {
        const parsed = parsePounds(text);
        expect(parsed.ok && formatPence(parsed.pence)).toBe(text);
      }),
    );
  });

  it("reads plain digits the same as the grouped form, with or without the pound sign", () => {
    fc.assert(
      fc.property(pence, (p) => {
        const plain = `${Math.floor(p / 100)}.${String(p % 100).padStart(2, "0")}`;
        expect(parsePounds(plain)).toEqual({ ok: true, pence: p });
        expect(parsePounds(formatPence(p).slice(1))).toEqual({ ok: true, pence: p });
      }),
    );
  });
});
