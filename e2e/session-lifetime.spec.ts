// A session ends 10 hours after sign-in however active it is (issue 11, ASVS session lifetime), and the cookie
// that carries a user between their password and their second factor can never pass for a session. Both are
// tried here by re-encoding a real session cookie with the server's own secret (read from the checkout's .env,
// which npm start writes), as an attacker who had stolen an old cookie could not, but a test can.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import dotenv from "dotenv";
import { decode, encode } from "next-auth/jwt";
import { authFile, newContext } from "./support";

const secret = () => {
  const parsed = dotenv.parse(fs.readFileSync(path.join(import.meta.dirname, "..", ".env"), "utf8"));
  return process.env.NEXTAUTH_SECRET ?? parsed.NEXTAUTH_SECRET!;
};
const COOKIE = "next-auth.session-token";

async function savedSession() {
  const state = JSON.parse(fs.readFileSync(authFile("darlington-manager"), "utf8")) as {
    cookies: { name: string; value: string; domain: string; path: string }[];
  };
  const cookie = state.cookies.find((c) => c.name === COOKIE)!;
  return { cookie, token: (await decode({ token: cookie.value, secret: secret() }))! };
}

test("a session signed in more than 10 hours ago is refused, however recently it was used", async ({
  browser,
}, testInfo) => {
  const { cookie, token } = await savedSession();
  for (const [hoursAgo, signedIn] of [
    [1, true],
    [11, false],
  ] as const) {
    const value = await encode({
      token: { ...token, authAt: Math.floor(Date.now() / 1000) - hoursAgo * 3600 },
      secret: secret(),
      maxAge: 30 * 60,
    });
    const context = await newContext(browser, testInfo);
    try {
      await context.addCookies([{ ...cookie, value }]);
      const page = await context.newPage();
      await page.goto("/pupils");
      if (signedIn) await expect(page.getByRole("heading", { level: 1, name: "Find a pupil" })).toBeVisible();
      else await expect(page).toHaveURL((u) => u.pathname === "/sign-in");
    } finally {
      await context.close();
    }
  }
});

test("the cookie between password and second factor does not work as a session", async ({ browser }, testInfo) => {
  const { cookie, token } = await savedSession();
  // Encrypted as the pending sign-in cookie is: with a key derived from a different secret.
  const pending = await encode({
    token: { sub: token.sub, sv: token.sv, step: "verify" },
    secret: `${secret()}|pending-second-factor`,
    maxAge: 600,
  });
  const context = await newContext(browser, testInfo);
  try {
    await context.addCookies([{ ...cookie, value: pending }]);
    const page = await context.newPage();
    await page.goto("/pupils");
    await expect(page).toHaveURL((u) => u.pathname === "/sign-in");
  } finally {
    await context.close();
  }
});
