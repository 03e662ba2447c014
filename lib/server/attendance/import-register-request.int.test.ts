import { PassThrough, Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_REGISTER_LINE_BYTES } from "@/lib/domain/request-limits";
import { makeAuthority, makePupil, makeSchool } from "@/prisma/factories";
import { makeActor, rawPool, testDb } from "@/tests/db";
import { countMarks } from "@/tests/marks";
import type { Actor } from "../actor";
import { ForbiddenError, PayloadTooLargeError } from "../errors";
import { importRegister } from "./import-register-request";
import { spoolUpload } from "./spool-upload";

let authority: { id: string; laCode: string };
let officer: Actor;
let admin: Actor;
let pupil: { id: string; upn: string };

beforeAll(async () => {
  authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  pupil = await makePupil(testDb, { authority, school, enrolledOn: "2025-09-01" });
  officer = await makeActor({ authority, role: "officer" });
  admin = await makeActor({ authority, role: "admin" });
});

const marks = () => countMarks(rawPool, pupil.id);

describe("the register upload entry point", () => {
  it("reads a slow upload to the end before taking the authority's register lock, so it blocks no one", async () => {
    const slow = new PassThrough();
    slow.write("upn,date,session,code\n");
    const pending = importRegister(officer, "text/csv", slow, "slow.csv");
    // While the slow upload is still arriving, another import for the same authority finishes.
    const quick = await importRegister(
      officer,
      "text/csv",
      Readable.from([`upn,date,session,code\n${pupil.upn},2025-09-01,AM,/\n`]),
      "quick.csv",
    );
    expect(quick.status).toBe(201);
    slow.end(`${pupil.upn},2025-09-01,PM,/\n`);
    expect((await pending).status).toBe(201);
    expect(await marks()).toBe(2);
  });

  it("refuses a role that may not import before reading a byte", async () => {
    const body = new PassThrough();
    body.write("upn,date,session,code\n");
    await expect(importRegister(admin, "text/csv", body, "a.csv")).rejects.toBeInstanceOf(ForbiddenError);
    expect(body.readableLength).toBeGreaterThan(0); // still unread
  });

  it("refuses a line longer than the limit, naming it, and saves nothing", async () => {
    const before = await marks();
    const answer = await importRegister(
      officer,
      "text/csv",
      Readable.from([`upn,date,session,code\n${pupil.upn},2025-09-02,AM,/\n`, "x".repeat(MAX_REGISTER_LINE_BYTES + 1)]),
      "long.csv",
    );
    expect(answer.status).toBe(422);
    expect((answer.body as { errors: { line: number; message: string }[] }).errors).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringContaining("Line 3 is longer than 10,000 characters") }),
    ]);
    expect(await marks()).toBe(before);
  });

  it("stops reading as soon as a body passes the upload limit", async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 65536;
        this.push(Buffer.alloc(65536, "a"));
      },
    });
    await expect(spoolUpload(endless, { limitBytes: 1_000_000 }, async () => "read")).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
    expect(produced).toBeLessThan(2_000_000);
  });

  it("counts lines across chunk boundaries", async () => {
    const chunks = ["ab", "c\nde", "f\n", "x".repeat(30), "\n"];
    const seen = await spoolUpload(
      Readable.from(chunks.map((c) => Buffer.from(c))),
      { limitBytes: 1000, maxLineBytes: 20 },
      async (s) => s,
    );
    expect(seen.longLine).toEqual({ line: 3, bytes: expect.any(Number) });
    const fine = await spoolUpload(
      Readable.from(chunks.slice(0, 3).map((c) => Buffer.from(c))),
      { limitBytes: 1000, maxLineBytes: 20 },
      async (s) => s,
    );
    expect(fine).toMatchObject({ longLine: null, bytes: 8 });
  });
});
