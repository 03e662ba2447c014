// Attacks on the running app's edges: oversized bodies, a cross-site write with a session cookie, malformed
// percent-escapes, and a register line with no end. (The CTF takeover, the sign-in burst, demo sign-in on a live
// database and tokens are attacked in lib/server/**/*.int.test.ts and e2e/api-token.spec.ts, lockout.spec.ts and
// second-factor.spec.ts; `npm run test:security` runs them all.)
import http from "node:http";
import { expect, test } from "@playwright/test";
import { FORM_BODY_LIMIT_BYTES } from "../../lib/domain/request-limits";
import { authFile, sameOrigin } from "../support";

/**
 * Sends a POST that declares `declared` bytes and writes them in 1 MB chunks, stopping as soon as the server
 * answers. Returns the status, the answer and how much was written before it came.
 */
/**
 * POSTs `declared` bytes of body (declared in Content-Length) and says what was sent before the answer came. With
 * `headersFirstMs`, only the headers go at first, and the body follows after that wait if no answer has come: a
 * server that refuses by the declared length answers before a byte of the body is sent, and the client is not
 * left writing into a socket the server has closed (an EPIPE that could beat the answer on a busy machine).
 */
function postLargeBody(
  url: string,
  declared: number,
  headers: Record<string, string> = {},
  headersFirstMs = 0,
): Promise<{ status: number; body: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, "a");
    let sent = 0;
    let answered = false;
    const req = http.request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(declared), ...headers },
    });
    req.on("response", (res) => {
      answered = true;
      const sentBeforeAnswer = sent;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, sent: sentBeforeAnswer });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < declared) {
        const piece = chunk.subarray(0, Math.min(chunk.length, declared - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    if (headersFirstMs > 0) {
      req.flushHeaders();
      setTimeout(pump, headersFirstMs);
    } else pump();
  });
}

test("a 100 MB body to sign-in is refused with 413", async ({ baseURL }) => {
  const answer = await postLargeBody(`${baseURL}/sign-in`, 100 * 1024 * 1024);
  expect(answer.status).toBe(413);
  expect(answer.body).toContain("more than 1 MB");
  // Next reads a proxied body to its end before answering (discarding it past its 11 MB copy), so the answer
  // comes once the 100 MB are sent; the upload API below answers before reading.
});

test("a form just over the limit is refused; sign-in itself still works", async ({ baseURL, request }) => {
  const over = await postLargeBody(`${baseURL}/admin/users/new`, FORM_BODY_LIMIT_BYTES + 1);
  expect(over.status).toBe(413);
  expect((await request.get("/sign-in")).status()).toBe(200);
});

test.describe("the API with a session cookie", () => {
  test.use({ storageState: authFile("darlington-manager") });

  test("refuses a cross-site write, and a write without an Origin; a write from the service's page is judged on its content", async ({
    request,
  }, testInfo) => {
    const body = { data: { upn: "not a upn" } };
    const crossSite = await request.post("/api/v1/cases", {
      ...body,
      headers: { Origin: "https://attacker.example", "Sec-Fetch-Site": "cross-site" },
    });
    expect(crossSite.status()).toBe(403);
    expect((await crossSite.json()).message).toContain("API token");
    const sameSite = await request.post("/api/v1/cases", {
      ...body,
      headers: { Origin: "https://sibling.example.gov.uk", "Sec-Fetch-Site": "same-site" },
    });
    expect(sameSite.status()).toBe(403);
    expect((await request.post("/api/v1/cases", body)).status()).toBe(403);
    // The same request from the service's own page reaches the handler, which refuses the content (422).
    const own = await request.post("/api/v1/cases", { ...body, headers: sameOrigin(testInfo) });
    expect(own.status()).toBe(422);
  });

  test("refuses a cross-site read, and allows one typed into the address bar", async ({ request }) => {
    const url = "/api/v1/pupils/R201100018042";
    const crossSite = await request.get(url, { headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(crossSite.status()).toBe(403);
    const framed = await request.get(url, { headers: { Origin: "https://attacker.example" } });
    expect(framed.status()).toBe(403);
    // Typed into the address bar: the handler answers (the pupil, or 404 if not in scope), not the cookie rule.
    const typed = await request.get(url, { headers: { "Sec-Fetch-Site": "none" } });
    expect([200, 404]).toContain(typed.status());
  });

  test("a register line without an end is an error naming the line, and nothing is saved", async ({
    request,
  }, testInfo) => {
    const response = await request.post("/api/v1/attendance/imports", {
      headers: { ...sameOrigin(testInfo), "Content-Type": "text/csv", "X-Filename": "long.csv" },
      data: `upn,date,session,code\n${"x".repeat(200_000)}`,
    });
    expect(response.status()).toBe(422);
    const { errors } = (await response.json()) as { errors: { line: number; message: string }[] };
    expect(errors).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining("longer than") })]);
  });

  test("an upload declaring more than the limit gets 413 with a clear message before it is read", async ({
    baseURL,
  }, testInfo) => {
    const state = JSON.parse(
      await (await import("node:fs/promises")).readFile(authFile("darlington-manager"), "utf8"),
    ) as { cookies: { name: string; value: string }[] };
    const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const answer = await postLargeBody(
      `${baseURL}/api/v1/attendance/imports`,
      201 * 1024 * 1024,
      {
        ...sameOrigin(testInfo),
        Cookie: cookie,
        "Content-Type": "text/csv",
      },
      10_000,
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).message).toContain("larger than the 200 MB");
    expect(answer.sent).toBeLessThan(100 * 1024 * 1024);
  });
});

test("a malformed percent-escape in a path is 400, never a server error", async ({ request }) => {
  for (const path of ["/cases/%E0%A4%A", "/pupils/%zz", "/api/v1/pupils/%C3%28", "/admin/letters/%"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
  }
});
