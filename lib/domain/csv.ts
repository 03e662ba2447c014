// Minimal RFC 4180 line splitting for the importers: commas separate fields, double quotes wrap a field that
// contains commas or quotes, and "" inside quotes is one quote. Records never span lines in our formats.

export type SplitResult = { ok: true; fields: string[] } | { ok: false; message: string };

export function splitCsvLine(line: string): SplitResult {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q === -1) return { ok: false, message: "a quoted field is not closed" };
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      if (i === line.length) return { ok: true, fields };
      if (line[i] !== ",") return { ok: false, message: "a quoted field must be followed by a comma" };
      i++;
    } else {
      const comma = line.indexOf(",", i);
      if (comma === -1) {
        fields.push(line.slice(i));
        return { ok: true, fields };
      }
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** Quotes a value for CSV output when it needs it (spreadsheets open the result directly). */
export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/**
 * A CSV cell that a spreadsheet will not run as a formula (OWASP "CSV injection"): a value starting with =, +, -,
 * @, a tab or a carriage return gets a leading apostrophe. Numbers pass through unchanged (a negative number is
 * a number, not a formula).
 */
export function csvSafe(value: string | number | null | undefined): string | number | null | undefined {
  if (typeof value !== "string") return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A row of a CSV file for people to open in a spreadsheet: every cell csvSafe. */
export function spreadsheetCsvRow(values: (string | number | null | undefined)[]): string {
  return csvRow(values.map(csvSafe));
}
