// The child process of the "PostgreSQL restarted while the app serves" fault test
// (lib/server/health/database-restart.int.test.ts): serves the app's own GET /api/health route handler over HTTP
// from one long-lived process, with the app's database client and pool settings, on the port given.
// Usage: node --import tsx --conditions=react-server tests/faults/health-server.ts <port>
import http from "node:http";
import { GET } from "../../app/api/health/route";

const port = Number(process.argv[2]);
http
  .createServer((_req, res) => {
    GET().then(
      async (response) => {
        res.writeHead(response.status, { "content-type": "application/json" });
        res.end(await response.text());
      },
      (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      },
    );
  })
  .listen(port, "127.0.0.1", () => process.stdout.write("listening\n"));
