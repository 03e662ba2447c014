// Unique Pupil Number validation (DfE national UPN formula; see shared/ctf-upn.md §2).
// Characters 2–13 are weighted by position (2..13), summed, taken mod 23, and mapped to the check-letter table.
// A temporary UPN ends in a letter, which counts as its index in the same table.

/** The 23 letters used for check letters and temporary-UPN suffixes: I, O and S are never used. */
export const UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

export type UpnCheck =
  | { ok: true; upn: string; temporary: boolean }
  | { ok: false; rule: "1500" | "1510" | "1540" | "1550" | "length"; message: string };

export function checkLetterFor(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = body12[i]!;
    const value = i === 11 && /[A-Z]/.test(ch) ? UPN_LETTERS.indexOf(ch) : Number(ch);
    sum += (i + 2) * value;
  }
  return UPN_LETTERS[sum % 23]!;
}

/** Validates a UPN, normalising case and surrounding spaces. Messages name what is wrong and what is allowed. */
export function checkUpn(input: string): UpnCheck {
  const upn = input.trim().toUpperCase();
  if (upn === "") return { ok: false, rule: "1500", message: "Enter a UPN" };
  if (upn.length !== 13) {
    return { ok: false, rule: "length", message: `A UPN must be 13 characters (this one has ${upn.length})` };
  }
  if (!/^[0-9]{11}$/.test(upn.slice(1, 12))) {
    return { ok: false, rule: "1540", message: "Characters 2 to 12 of a UPN must be digits" };
  }
  const last = upn[12]!;
  if (!/[0-9]/.test(last) && !UPN_LETTERS.includes(last)) {
    return {
      ok: false,
      rule: "1550",
      message: "Character 13 of a UPN must be a digit or a letter other than I, O or S",
    };
  }
  const expected = checkLetterFor(upn.slice(1));
  if (upn[0] !== expected) {
    return { ok: false, rule: "1510", message: `The UPN check letter is wrong (character 1 should be ${expected})` };
  }
  return { ok: true, upn, temporary: !/[0-9]/.test(last) };
}
