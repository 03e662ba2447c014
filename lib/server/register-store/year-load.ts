import "server-only";
import type pg from "pg";
import { epochDay, YearTally } from "@/lib/domain/register-tally";
import type { CopyQueue } from "./copy-queue";
import { copyWrittenDelta, writtenDeltaLine } from "./delta";
import { attachLoadedYear, createYearForLoad } from "./partitions";
import { recountSchoolSummariesOfYear } from "./school-summaries";
import { copySummaries } from "./year-load-summaries";

/** One mark for a first load, resolved to the store's keys and checked (see the CSV importer). */
export type LoadMark = {
  line: number;
  pupilIndex: number;
  pupilKey: number;
  schoolIndex: number;
  schoolKey: number;
  /** Days since 1970-01-01 (register-tally's epochDay) and the same date as YYYY-MM-DD. */
  day: number;
  date: string;
  session: number;
  codeId: number;
};

const PG_EPOCH_DAY = 10_957; // 2000-01-01, day 0 of PostgreSQL's binary date
const ROW_BYTES = 70;
const BATCH_ROWS = 60_000;
const HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);

/**
 * A first load of one academic year of an authority's marks (ADR 050): the year has no table yet, so the marks
 * are COPYed in PostgreSQL's binary format into a new, unindexed table; its primary key is built once at the end,
 * and then it is attached as the year's partition, all in the import's transaction. The summaries are counted as
 * the marks pass (YearTally) and written in bulk, except for marks in the weeks that straddle the year's ends,
 * which go through mark_delta like any other change.
 */
export class YearLoad {
  readonly tally: YearTally;
  rows = 0;
  /** Marks given twice: the later line, and what is needed to find the first (see firstLines). */
  readonly duplicates: { line: number; mark: LoadMark }[] = [];
  private ready: Buffer[] = [];
  private batch = Buffer.alloc(HEADER.length + BATCH_ROWS * ROW_BYTES + 2);
  private at = 0;
  private outside = "";
  private outsideCount = 0;
  // The rows' lines, month by month (a year's table is partitioned by month, ADR 083, and a mark given twice lies
  // in the month of its first): for each month, pairs of the first row index (within the month) of a run of
  // consecutive lines and its line number; the month's rows so far; its last line.
  private readonly firstDay: number;
  private readonly monthOfDay: Uint8Array;
  private readonly lineRuns: number[][] = Array.from({ length: 12 }, () => []);
  private readonly monthRows: number[] = new Array<number>(12).fill(0);
  private readonly lastLine: number[] = new Array<number>(12).fill(-2);

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly queue: CopyQueue,
    readonly authorityId: string,
    readonly year: number,
    private readonly table: string,
    private readonly importId: string,
    private readonly fixed: Buffer,
    schoolKeys: readonly number[],
  ) {
    this.tally = new YearTally(year, schoolKeys);
    this.firstDay = epochDay(`${year}-09-01`);
    this.monthOfDay = new Uint8Array(epochDay(`${year + 1}-09-01`) - this.firstDay);
    for (let m = 1; m < 12; m++) {
      const first = new Date(Date.UTC(year, 8 + m, 1)).toISOString().slice(0, 10);
      this.monthOfDay.fill(m, epochDay(first) - this.firstDay);
    }
    this.startBatch();
  }

  static async open(
    client: pg.PoolClient,
    queue: CopyQueue,
    options: { authorityId: string; year: number; importId: string; schoolKeys: readonly number[] },
  ): Promise<YearLoad> {
    await queue.drain();
    const table = await createYearForLoad(client, options.authorityId, options.year);
    // The two fields every row shares: authority_id (uuid) and import_id (bigint), with their lengths.
    const fixed = Buffer.alloc(2 + 4 + 16 + 4 + 8);
    fixed.writeInt16BE(7, 0);
    fixed.writeInt32BE(16, 2);
    Buffer.from(options.authorityId.replace(/-/g, ""), "hex").copy(fixed, 6);
    fixed.writeInt32BE(8, 22);
    fixed.writeBigInt64BE(BigInt(options.importId), 26);
    return new YearLoad(
      client,
      queue,
      options.authorityId,
      options.year,
      table,
      options.importId,
      fixed,
      options.schoolKeys,
    );
  }

  /**
   * Adds one mark; false when it repeats an earlier one (it is then not written, and reported). Synchronous, so
   * that a tight loop pays no promise per mark: call flush() now and then (after each chunk of the file).
   */
  add(mark: LoadMark): boolean {
    const counted = this.tally.add(
      mark.pupilIndex,
      mark.pupilKey,
      mark.schoolIndex,
      mark.day,
      mark.session,
      mark.codeId,
    );
    if (counted === "duplicate") {
      this.duplicates.push({ line: mark.line, mark });
      return false;
    }
    if (counted === "outside") {
      this.outside += writtenDeltaLine(mark.pupilKey, mark.date, mark.session, mark.schoolKey, mark.codeId);
      this.outsideCount++;
    }
    const month = this.monthOfDay[mark.day - this.firstDay]!;
    if (mark.line !== this.lastLine[month]! + 1) this.lineRuns[month]!.push(this.monthRows[month]!, mark.line);
    this.lastLine[month] = mark.line;
    this.monthRows[month]!++;
    this.rows++;
    this.writeRow(mark);
    if (this.at + ROW_BYTES + 2 > this.batch.length) this.endBatch();
    return true;
  }

  /** Sends the batches filled so far (waiting only if PostgreSQL is several batches behind). */
  async flush(): Promise<void> {
    for (const data of this.ready.splice(0)) {
      await this.queue.send(
        `COPY "${this.table}" (authority_id, import_id, pupil_key, date, school_key, session, code_id) FROM STDIN (FORMAT binary)`,
        data,
      );
    }
  }

  private startBatch(): void {
    HEADER.copy(this.batch, 0);
    this.at = HEADER.length;
  }

  private writeRow(m: LoadMark): void {
    const b = this.batch;
    let i = this.at;
    i += this.fixed.copy(b, i);
    i = b.writeInt32BE(4, i);
    i = b.writeInt32BE(m.pupilKey, i);
    i = b.writeInt32BE(4, i);
    i = b.writeInt32BE(m.day - PG_EPOCH_DAY, i);
    i = b.writeInt32BE(4, i);
    i = b.writeInt32BE(m.schoolKey, i);
    i = b.writeInt32BE(2, i);
    i = b.writeInt16BE(m.session, i);
    i = b.writeInt32BE(2, i);
    i = b.writeInt16BE(m.codeId, i);
    this.at = i;
  }

  private endBatch(): void {
    if (this.at === HEADER.length) return;
    this.batch.writeInt16BE(-1, this.at);
    this.ready.push(this.batch.subarray(0, this.at + 2));
    this.batch = Buffer.alloc(this.batch.length);
    this.startBatch();
  }

  /**
   * Ends the load: the table is indexed and attached as the year's partition and the summaries are written.
   * Call only when the import has no errors (with duplicates, call firstLines instead). Returns the marks written.
   */
  async finish(ordinals: ReadonlyMap<string, number>, calendarYears: ReadonlySet<number>): Promise<number> {
    this.endBatch();
    await this.flush();
    await this.queue.drain();
    await attachLoadedYear(this.client, this.authorityId, this.year);
    await copyWrittenDelta(this.client, this.outside);
    await copySummaries(this.client, this.authorityId, this.tally, ordinals, calendarYears.has(this.year));
    await recountSchoolSummariesOfYear(this.client, this.authorityId, this.year);
    return this.rows;
  }

  /**
   * For each duplicate, the line of the mark it repeats. Rows of a new table lie in the order they were COPYed, so
   * the first mark's position among its month's rows (a month's table holds them in the order they came; a mark
   * given twice lies in the month of its first) gives its line through the month's runs of consecutive lines
   * noted as the rows went in. On
   * Citus the table is the year's shared partition (ADR 076): this import's rows are read by authority and import,
   * in the authority's shard, where a COPY also appends them in order (unless free space from erased marks is
   * reused: the line named would then be another of the same file's lines).
   */
  async firstLines(): Promise<Map<{ line: number; mark: LoadMark }, number>> {
    this.endBatch();
    await this.flush();
    await this.queue.drain();
    const d = this.duplicates.slice(0, 1000);
    const { rows } = await this.client.query<{ idx: string; n: string }>(
      `SELECT k.idx, x.n FROM (
         SELECT row_number() OVER (PARTITION BY date_trunc('month', date) ORDER BY ctid) - 1 AS n, pupil_key, date,
           session, school_key
         FROM "${this.table}"
         WHERE authority_id = $5 AND import_id = $6
       ) x
       JOIN unnest($1::int[], $2::date[], $3::int2[], $4::int[]) WITH ORDINALITY AS k(pupil_key, date, session, school_key, idx)
         USING (pupil_key, date, session, school_key)`,
      [
        d.map((x) => x.mark.pupilKey),
        d.map((x) => x.mark.date),
        d.map((x) => x.mark.session),
        d.map((x) => x.mark.schoolKey),
        this.authorityId,
        this.importId,
      ],
    );
    const result = new Map<{ line: number; mark: LoadMark }, number>();
    for (const r of rows) {
      const dup = d[Number(r.idx) - 1]!;
      result.set(dup, this.lineOfRow(this.monthOfDay[dup.mark.day - this.firstDay]!, Number(r.n)));
    }
    return result;
  }

  private lineOfRow(month: number, row: number): number {
    const runs = this.lineRuns[month]!;
    let lo = 0;
    let hi = runs.length / 2 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[mid * 2]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return runs[lo * 2 + 1]! + (row - runs[lo * 2]!);
  }

  /** The marks written whose summaries go through mark_delta (weeks straddling the year's ends). */
  get outsideRows(): number {
    return this.outsideCount;
  }
}
