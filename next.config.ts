import path from "node:path";
import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project in its own phase (tsc --noEmit) before it builds; checking again in
  // the build only doubles the time on a 2-core machine.
  typescript: { ignoreBuildErrors: true },
  // Registers are uploaded through a server action when the browser has no JavaScript: allow large files.
  experimental: { serverActions: { bodySizeLimit: "100mb" } },
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
