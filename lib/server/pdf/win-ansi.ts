// Deliberately no "server-only": the e2e tests read PDFs with the same helpers. Pure string code, no I/O.

/** The characters above 0x7F that WinAnsiEncoding (the encoding of the standard PDF fonts) has in 0x80–0x9F. */
const WIN_ANSI_EXTRAS = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

/** Whether Helvetica (a standard PDF font, WinAnsi-encoded) can draw this code point. */
export function isWinAnsi(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRAS.includes(String.fromCodePoint(codePoint))
  );
}

const REPLACEMENTS: Record<string, string> = {
  "\t": "    ",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2015": "—",
  "\u2212": "-",
  "\u2032": "'",
  "\u2033": '"',
  "\u2039": "‹",
  "\u2192": "->",
  "\u2190": "<-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2260": "!=",
  "\u2022": "•",
  "\u200b": "",
  "\u2009": " ",
  "\u202f": " ",
  "\u2007": " ",
  "\ufeff": "",
  "\r": "",
};

/**
 * Makes text safe for the standard PDF fonts: keeps every WinAnsi character and "\n", maps common typographic
 * characters to their nearest equivalent, strips accents that WinAnsi lacks ("ł" stays "l", "ș" becomes "s"), and
 * replaces anything else (emoji, non-Latin scripts) with "?", so a name in another script never breaks a letter.
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const char of text.normalize("NFC")) {
    const codePoint = char.codePointAt(0)!;
    if (char === "\n" || isWinAnsi(codePoint)) {
      out += char;
    } else if (char in REPLACEMENTS) {
      out += REPLACEMENTS[char];
    } else {
      const stripped = char.normalize("NFKD").replace(/\p{M}/gu, "");
      const chars = [...stripped];
      if (stripped && chars.every((c) => isWinAnsi(c.codePointAt(0)!))) out += stripped;
      else if (/[\p{Cc}\p{Cf}]/u.test(char)) out += "";
      else out += STROKED[char] ?? "?";
    }
  }
  return out;
}

/** Letters whose stroke is not a combining mark, so NFKD leaves them alone. */
const STROKED: Record<string, string> = {
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ħ: "h",
  Ħ: "H",
  ı: "i",
  ø: "ø",
  ŀ: "l",
  ŧ: "t",
};
