// Runs after `npm install` / `npm ci`: copies GOV.UK Frontend assets into public/assets (gitignored) and
// generates the Prisma client offline (the CLI needs a schema-engine path it never runs; see stack notes).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const assets = path.join(root, "public", "assets");
fs.rmSync(assets, { recursive: true, force: true });
fs.mkdirSync(assets, { recursive: true });
fs.cpSync(path.join(root, "node_modules/govuk-frontend/dist/govuk/assets/images"), path.join(assets, "images"), {
  recursive: true,
});
fs.cpSync(
  path.join(root, "node_modules/govuk-frontend/dist/govuk/assets/manifest.json"),
  path.join(assets, "manifest.json"),
);
// MOJ Frontend's images sit beside GOV.UK's (the stylesheet points both at /assets/images/).
fs.cpSync(path.join(root, "node_modules/@ministryofjustice/frontend/moj/assets/images"), path.join(assets, "images"), {
  recursive: true,
});

const dummyEngine = path.join(os.tmpdir(), "fast-track-no-schema-engine");
fs.writeFileSync(dummyEngine, "");
execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: dummyEngine,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
