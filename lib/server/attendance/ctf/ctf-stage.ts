import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** The temp tables a CTF is staged in, one row per pupil, contact, summary-only year, marks string (AttendanceMarks)
 * and school with marks; columns in the order StageWriter writes them. */
const STAGE_TABLES = {
  pupil: [
    "pupil_no",
    "line",
    "upn",
    "former_upn",
    "upn_temporary",
    "first_name",
    "middle_names",
    "last_name",
    "date_of_birth",
    "sex",
    "year_group",
    "nc_year",
  ],
  contact: [
    "pupil_no",
    "line",
    "title",
    "first_name",
    "last_name",
    "relationship",
    "parental_responsibility",
    "lives_with_pupil",
    "has_address",
    "address_line1",
    "address_line2",
    "town",
    "postcode",
    "phone",
    "email",
  ],
  year: [
    "pupil_no",
    "line",
    "academic_year",
    "la_code",
    "estab_number",
    "school_name",
    "school_id",
    "possible",
    "authorised",
    "attended",
    "unauthorised",
  ],
  marks: ["marks_no", "pupil_no", "line", "school_id", "school_key", "start_date", "marks"],
  enrol: ["pupil_no", "line", "school_id", "first_mark", "last_mark", "entry_date"],
  traits: ["pupil_no", "has_sen", "sen_provision", "sen_since", "has_fsm", "fsm_eligible", "fsm_since"],
} as const;
export type StageTable = keyof typeof STAGE_TABLES;
export type StageValue = string | number | boolean | null;

/** Creates the CTF's temp tables (dropped at commit). */
export async function createCtfStage(client: pg.PoolClient): Promise<void> {
  await client.query(`
    CREATE TEMP TABLE ctf_pupil (
      pupil_no integer PRIMARY KEY, line integer NOT NULL, upn text NOT NULL, former_upn text, upn_temporary boolean NOT NULL,
      first_name text NOT NULL, middle_names text, last_name text NOT NULL, date_of_birth date NOT NULL, sex pupil_sex NOT NULL,
      year_group text, nc_year text,
      pupil_id uuid, pupil_key integer, created boolean NOT NULL DEFAULT false, excluded boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_contact (
      pupil_no integer NOT NULL, line integer NOT NULL, title text, first_name text NOT NULL, last_name text NOT NULL,
      relationship text, parental_responsibility boolean, lives_with_pupil boolean, has_address boolean NOT NULL,
      address_line1 text, address_line2 text, town text, postcode text, phone text, email text,
      parent_id uuid, new_parent boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_year (
      pupil_no integer NOT NULL, line integer NOT NULL, academic_year smallint NOT NULL, la_code text NOT NULL,
      estab_number text NOT NULL, school_name text NOT NULL, school_id uuid,
      possible integer NOT NULL, authorised integer NOT NULL, attended integer NOT NULL, unauthorised integer NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_marks (
      marks_no integer PRIMARY KEY, pupil_no integer NOT NULL, line integer NOT NULL, school_id uuid NOT NULL,
      school_key integer NOT NULL, start_date date NOT NULL, marks text NOT NULL
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_enrol (
      pupil_no integer NOT NULL, line integer NOT NULL, school_id uuid NOT NULL, first_mark date NOT NULL,
      last_mark date NOT NULL, entry_date date
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_traits (
      pupil_no integer PRIMARY KEY, has_sen boolean NOT NULL, sen_provision text, sen_since date,
      has_fsm boolean NOT NULL, fsm_eligible boolean, fsm_since date
    ) ON COMMIT DROP;
    CREATE TEMP TABLE ctf_changed (pupil_id uuid NOT NULL) ON COMMIT DROP;`);
}

const BATCH_CHARS = 256_000;

/** Buffers rows per stage table and sends each buffer with COPY when it is full (or at the end). */
export class StageWriter {
  private buffers = new Map<StageTable, string>();
  constructor(private readonly client: pg.PoolClient) {}

  add(table: StageTable, values: StageValue[]): void {
    const row = values.map(csvField).join(",") + "\n";
    this.buffers.set(table, (this.buffers.get(table) ?? "") + row);
  }

  async flush(all: boolean): Promise<void> {
    for (const [table, text] of this.buffers) {
      if (text === "" || (!all && text.length < BATCH_CHARS)) continue;
      this.buffers.set(table, "");
      const copy = this.client.query(
        copyFrom(`COPY ctf_${table} (${STAGE_TABLES[table].join(", ")}) FROM STDIN (FORMAT csv)`),
      );
      await pipeline(Readable.from([text]), copy);
    }
  }
}

/** A value for COPY … (FORMAT csv): null is an unquoted empty field; text is always quoted. */
function csvField(value: StageValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return `"${value.replace(/"/g, '""')}"`;
}
