// `npm run test:citus`: the integration suite on a Citus cluster (docs/decisions/071-citus.md). Starts a
// coordinator and two workers on this machine with ../shared/citus/cluster.sh (Citus built and installed by its
// build.sh; run as root, the servers run as postgres), runs `vitest --project integration` with DATABASE_URL set
// to the coordinator (the suite's setup creates its database on every node and the migration runner distributes
// the tables), then stops the cluster and removes it. Not part of `npm test`.
//   npm run test:citus [-- vitest arguments, e.g. a file]
// CITUS_DIR: the cluster scripts' folder (default ../shared/citus); CITUS_BASE_PORT: the coordinator's port;
// CITUS_LOG_DIR: a folder to keep the nodes' server logs in (the coordinator's names each failing statement).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const citusDir = path.resolve(process.env.CITUS_DIR ?? path.join(root, "..", "shared", "citus"));
const clusterScript = path.join(citusDir, "cluster.sh");
if (!fs.existsSync(clusterScript)) {
  console.error(`No ${clusterScript}: set CITUS_DIR to the folder with Citus's build.sh and cluster.sh.`);
  process.exit(2);
}
if (!fs.existsSync("/usr/lib/postgresql/15/lib/citus.so")) {
  console.error(`Citus is not installed into PostgreSQL 15: run ${path.join(citusDir, "build.sh")} first (as root).`);
  process.exit(2);
}
if (process.getuid?.() !== 0) {
  console.error("npm run test:citus runs the cluster's servers as the postgres user, so it must run as root.");
  process.exit(2);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fast-track-citus-"));
fs.chmodSync(dataDir, 0o755);
const cluster = (...args: string[]) =>
  spawnSync("bash", [clusterScript, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

let status = 1;
try {
  console.log(`━━ Starting a Citus cluster (coordinator and 2 workers) in ${dataDir} ━━`);
  const started = cluster("start", dataDir, "2");
  const url = started.stdout.trim().split("\n").pop() ?? "";
  if (started.status !== 0 || !url.startsWith("postgresql://")) {
    console.error(`cluster.sh start failed (exit ${started.status}):\n${started.stdout}`);
  } else {
    console.log(`Coordinator: ${url}`);
    console.log("━━ Integration tests on the cluster ━━");
    const tests = spawnSync(
      path.join(root, "node_modules", ".bin", "vitest"),
      ["run", "--project", "integration", ...process.argv.slice(2)],
      { cwd: root, stdio: "inherit", env: { ...process.env, DATABASE_URL: url } },
    );
    status = tests.status ?? 1;
  }
} finally {
  console.log("━━ Stopping the cluster ━━");
  cluster("stop", dataDir);
  const logDir = process.env.CITUS_LOG_DIR;
  if (logDir) {
    fs.mkdirSync(logDir, { recursive: true });
    for (const f of fs.readdirSync(dataDir).filter((n) => n.endsWith(".log")))
      fs.copyFileSync(path.join(dataDir, f), path.join(logDir, f));
    console.log(`The nodes' logs are in ${logDir}`);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
