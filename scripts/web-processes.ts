// `tsx scripts/web-processes.ts <processes> <server script> [args…]`: runs the server script as that many processes
// sharing one listening port (ADR 059). npm start uses it when FAST_TRACK_WEB_PROCESSES is more than 1.
import { runWebProcesses } from "./lib/web-processes";

const [processes, exec, ...args] = process.argv.slice(2);
if (!processes || !exec || !/^[1-9]\d*$/.test(processes)) {
  console.error("Usage: tsx scripts/web-processes.ts <processes ≥ 1> <server script> [args…]");
  process.exit(2);
}
runWebProcesses({
  exec,
  args,
  processes: Number(processes),
  log: (line) => console.log(`[fast-track] ${line}`),
}).then((code) => process.exit(code));
