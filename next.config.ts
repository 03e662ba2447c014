import path from "node:path";
import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project in its own phase (tsc --noEmit) before it builds; checking again in
  // the build only doubles the time on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // Request bodies (docs/decisions/024-headers-body-limits-and-api-origin.md): proxy.ts refuses a form over 1 MB
  // (the register upload page without JavaScript: 10 MB) by its Content-Length; a body without one is refused
  // here past 10 MB. The proxy's copy of a body is cut at 11 MB, so a larger one still reaches the action's limit
  // (413) rather than arriving cut short. Register uploads with JavaScript go to the upload API, which has its
  // own limit and bypasses the proxy.
  experimental: {
    serverActions: { bodySizeLimit: "10mb" },
    proxyClientMaxBodySize: "11mb",
  },
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "pino"],
  sassOptions: {
    loadPaths: [path.join(import.meta.dirname, "node_modules"), import.meta.dirname],
    quietDeps: true,
    silenceDeprecations: ["import"],
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default config;
