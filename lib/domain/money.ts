// Money is a whole number of pence everywhere in the domain and the database (`…Pence`); on screen it is
// pounds with a thousands separator and two decimal places: 250000 → "£2,500.00".
// Parsing reads the digits as text, never through floating point, so "0.29" is 29 pence and not 28.999….

/** `250000` → `"£2,500.00"`. Negative amounts and fractions of a penny are programming errors and throw. */
export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`Not a whole number of pence: ${pence}`);
  if (pence < 0) throw new RangeError(`Negative amounts are not shown: ${pence}`);
  const pounds = Math.floor(pence / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `£${pounds}.${(pence % 100).toString().padStart(2, "0")}`;
}

export type ParsedPounds = { ok: true; pence: number } | { ok: false; message: string };

// Pounds: plain digits ("2500") or digits grouped in threes with commas ("2,500"); then an optional point with
// one or two digits of pence. A leading "£" and surrounding spaces are allowed.
const AMOUNT = /^£?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * What a person typed in a money field → pence, or a GOV.UK-style message naming the field.
 * `label` is how the message names the field, in lower case: "the fine", "costs".
 * Accepts "2500", "2,500", "2500.5" (£2,500.50), "£2,500.00". Refuses negatives, more than two decimal places,
 * misplaced commas and anything else.
 */
export function parsePounds(input: string, label = "the amount"): ParsedPounds {
  const Label = label.charAt(0).toUpperCase() + label.slice(1);
  const text = input.trim();
  if (text === "") return { ok: false, message: `Enter ${label}` };
  if (/^-\s*£?\s*\d|^£\s*-/.test(text)) return { ok: false, message: `${Label} must be £0.00 or more` };
  if (/^£?[\d,]*\.\d{3,}$/.test(text)) {
    return { ok: false, message: `${Label} must be in pounds and pence, with no more than 2 decimal places` };
  }
  const m = AMOUNT.exec(text);
  if (!m) return { ok: false, message: `${Label} must be an amount in pounds and pence, like £2,500.00` };
  const poundDigits = m[1]!.replaceAll(",", "").replace(/^0+(?=\d)/, "");
  // Up to 14 digits of pounds is exact as a Number; the total must still be a safe integer of pence.
  const pence = poundDigits.length > 14 ? NaN : Number(poundDigits) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(pence)) return { ok: false, message: `${Label} is too large` };
  return { ok: true, pence };
}
