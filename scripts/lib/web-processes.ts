// The web server as several processes sharing one port (ADR 059). Node runs a page's JavaScript on one core, so
// one `next start` uses one core however many the machine has; under load every request waits its turn on that
// core (issue 14 §3). node:cluster forks the same server N times: the primary holds the listening socket and
// hands each new connection to the next process in turn (round robin, Node's default on Linux). Nothing a request
// needs lives in a process's memory (sessions are signed cookies, throttling and audit are in the database, the
// pools' watch is per process), so any process can serve any request.
//
// The primary does no work of its own. When one server process exits unasked, it stops the others and exits with
// that process's code, as a lone `next start` would have: the service's supervisor (npm start, or the container's
// restart policy) decides what happens next. SIGTERM or SIGINT stops every process and exits 0.
import cluster, { type Worker } from "node:cluster";

export type WebProcessesOptions = {
  /** The server's script (for the app: next's bin), run by plain node with no loader flags. */
  exec: string;
  args: string[];
  processes: number;
  log?: (line: string) => void;
};

/** Runs `processes` copies of `exec` sharing their listening port; resolves with the exit code to exit with. */
export function runWebProcesses({ exec, args, processes, log = () => {} }: WebProcessesOptions): Promise<number> {
  if (!cluster.isPrimary) throw new Error("runWebProcesses must run in the primary process");
  if (!Number.isSafeInteger(processes) || processes < 1) throw new Error("processes must be a whole number ≥ 1");
  // execArgv: [] so that the servers do not inherit this process's loader (tsx) flags.
  cluster.setupPrimary({ exec, args, execArgv: [] });
  const workers = new Set<Worker>();
  let stopping = false;
  let exitCode = 0;
  return new Promise((resolve) => {
    const stopAll = (code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      for (const w of workers) w.process.kill("SIGTERM");
      if (workers.size === 0) resolve(exitCode);
    };
    cluster.on("exit", (worker, code, signal) => {
      workers.delete(worker);
      if (!stopping) {
        log(`web server process ${worker.process.pid} exited (${signal ?? `code ${code}`}); stopping the others`);
        stopAll(code === 0 || code === null ? 1 : code);
      } else if (workers.size === 0) resolve(exitCode);
    });
    for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stopAll(0));
    for (let i = 0; i < processes; i++) workers.add(cluster.fork());
    log(`${processes} web server processes share the port`);
  });
}
