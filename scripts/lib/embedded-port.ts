// The embedded PostgreSQL's port (issue 14). Chosen on first start, 54329 when it is free, else any free port, and
// saved in .env as FAST_TRACK_PG_PORT so that every later start, the CLI and the worker find the same server. A
// second checkout on the same machine has its own .env, so it picks another port. When the saved port is taken,
// the start stops with a plain message saying what to do, before PostgreSQL is started.
import net from "node:net";

export const PREFERRED_EMBEDDED_PORT = 54329;

/** True when nothing listens on 127.0.0.1:port (the address the embedded server listens on). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A TCP port nothing is listening on now (for throwaway servers). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export class EmbeddedPortTakenError extends Error {
  constructor(readonly port: number) {
    super(
      `The embedded PostgreSQL's port ${port} (FAST_TRACK_PG_PORT in .env) is already in use. ` +
        "If `npm start` is already running from this folder, stop it first (or use it: the CLI shares it). " +
        "Otherwise another program holds the port: delete the FAST_TRACK_PG_PORT line from .env and the next " +
        "start picks a free port and saves it there, or set FAST_TRACK_PG_PORT to a port you know is free.",
    );
    this.name = "EmbeddedPortTakenError";
  }
}

/**
 * The port to start the embedded server on: the saved one when it is free (an error saying what to do when it is
 * taken), else, on first start, 54329 or any free port, handed to `save` to keep for the next start.
 */
export async function chooseEmbeddedPort(
  saved: number | undefined,
  save: (port: number) => void,
  preferred: number = PREFERRED_EMBEDDED_PORT,
): Promise<number> {
  if (saved !== undefined) {
    if (await portIsFree(saved)) return saved;
    throw new EmbeddedPortTakenError(saved);
  }
  const port = (await portIsFree(preferred)) ? preferred : await freePort();
  save(port);
  return port;
}
