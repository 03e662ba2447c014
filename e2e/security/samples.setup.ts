// Finds the demo records the security specs fill the route table's dynamic segments with (samples.ts), once per
// run, before the specs start. Each part signs in for itself (signing in ends no other session).
import fs from "node:fs";
import path from "node:path";
import { test as setup } from "@playwright/test";
import { demoEmail, signIn } from "../support";
import { findAdminSamples, findManagerSamples, samplesFile } from "./samples";

fs.mkdirSync(path.dirname(samplesFile("manager")), { recursive: true });

setup("find a record of each kind, as a manager", async ({ page }) => {
  await signIn(page, demoEmail("darlington", "manager"));
  fs.writeFileSync(samplesFile("manager"), JSON.stringify(await findManagerSamples(page)));
});

setup("find a user, as an administrator", async ({ page }) => {
  await signIn(page, demoEmail("darlington", "admin"));
  fs.writeFileSync(samplesFile("admin"), JSON.stringify(await findAdminSamples(page)));
});
