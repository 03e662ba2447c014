// The embedded PostgreSQL's port (issue 14): chosen free on first start and kept, and a taken saved port stops the
// start with a plain message. Real sockets on 127.0.0.1, no server started.
import net from "node:net";
import { describe, expect, it } from "vitest";
import { chooseEmbeddedPort, EmbeddedPortTakenError, freePort, portIsFree } from "./lib/embedded-port";

async function holdPort(port = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("the embedded PostgreSQL's port", () => {
  it("on first start takes the preferred port when it is free, and saves it", async () => {
    const preferred = await freePort();
    const saved: number[] = [];
    expect(await chooseEmbeddedPort(undefined, (p) => saved.push(p), preferred)).toBe(preferred);
    expect(saved).toEqual([preferred]);
  });

  it("on first start takes another free port when the preferred one is taken (a second checkout), and saves it", async () => {
    const other = await holdPort();
    try {
      const saved: number[] = [];
      const port = await chooseEmbeddedPort(undefined, (p) => saved.push(p), other.port);
      expect(port).not.toBe(other.port);
      expect(saved).toEqual([port]);
      expect(await portIsFree(port)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("keeps the saved port, saving nothing", async () => {
    const port = await freePort();
    const saved: number[] = [];
    expect(await chooseEmbeddedPort(port, (p) => saved.push(p))).toBe(port);
    expect(saved).toEqual([]);
  });

  it("refuses a saved port that is taken, saying what to do", async () => {
    const other = await holdPort();
    try {
      const attempt = chooseEmbeddedPort(other.port, () => {
        throw new Error("must not save");
      });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedPortTakenError);
      await expect(attempt).rejects.toThrow(
        new RegExp(
          `port ${other.port} \\(FAST_TRACK_PG_PORT in \\.env\\) is already in use.*delete the FAST_TRACK_PG_PORT line`,
        ),
      );
    } finally {
      await other.close();
    }
  });
});
