// The register upload API is the one route proxy.ts skips (its body streams to disk), so it gives itself the
// request id and route the proxy gives every other request: its audit rows carry them, and the answer's
// X-Request-Id names the same id. Without withOwnRequestContext both were empty.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postImport } from "@/app/api/v1/attendance/imports/route";
import { hashApiToken } from "@/lib/server/actor";
import { makeApiToken, makeAuthority, makePupil, makeSchool, makeUser } from "@/prisma/factories";
import { rawPool, testDb } from "@/tests/db";

let token: string;
let upn: string;

beforeAll(async () => {
  const authority = await makeAuthority(testDb);
  const school = await makeSchool(testDb, authority);
  upn = (await makePupil(testDb, { authority, school, enrolledOn: "2025-09-01" })).upn;
  const officer = await makeUser(testDb, { authority, role: "officer" });
  token = `ft_${randomBytes(16).toString("hex")}`;
  await makeApiToken(testDb, officer, hashApiToken(token));
});

const post = (body: string) =>
  postImport(
    new Request("http://127.0.0.1/api/v1/attendance/imports", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv", "x-request-id": "chosen-by-client" },
      body,
    }),
  );

describe("the register upload API's request id", () => {
  it("is on the import's audit row and in the answer, and two requests get two ids", async () => {
    const first = await post(`upn,date,session,code\n${upn},2025-09-01,AM,/\n`);
    const second = await post(`upn,date,session,code\n${upn},2025-09-01,PM,/\n`);
    expect([first.status, second.status]).toEqual([201, 201]);
    const ids = [first.headers.get("x-request-id"), second.headers.get("x-request-id")];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ids[0]).not.toBe(ids[1]);
    for (const id of ids) {
      const { rows } = await rawPool.query<{ action: string; purpose: string }>(
        "SELECT action, purpose FROM audit_log WHERE request_id = $1",
        [id],
      );
      expect(rows).toEqual([{ action: "attendance.import", purpose: "POST /api/v1/attendance/imports" }]);
    }
  });

  it("is given on a refusal too, and a client's own X-Request-Id is never taken", async () => {
    const refused = await post("upn,date,session,code\nnot-a-upn,2025-09-01,AM,/\n");
    expect(refused.status).toBe(422);
    expect(refused.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const { rows } = await rawPool.query("SELECT 1 FROM audit_log WHERE request_id = 'chosen-by-client'");
    expect(rows).toHaveLength(0);
  });
});
