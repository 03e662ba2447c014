# syntax=docker/dockerfile:1
# Fast Track as a container image, for the production-like path (docker-compose.yml). It needs an external
# PostgreSQL: set DATABASE_URL. On start it applies migrations, seeds demo data into an empty database unless
# FAST_TRACK_NO_DEMO=1, then runs `next start` on 0.0.0.0:$PORT and, beside it, the background worker
# (scripts/worker.ts: the daily job, FAST_TRACK_DAILY_CRON). The laptop path (`npm start`, embedded
# PostgreSQL) does not use this file.

ARG NODE_VERSION=22

# ── base: Node and the npm the lockfile was made with ───────────────────────────────────────────────────────
FROM node:${NODE_VERSION}-bookworm-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
# npm 11 honours package.json's allowScripts: dependencies' install scripts run only when allow-listed, so
# @prisma/engines never downloads an engine (the app needs none: queries go through @prisma/adapter-pg).
RUN npm install -g npm@11.19.1
WORKDIR /app

# ── build: install everything, build, then drop the dev dependencies ────────────────────────────────────────
FROM base AS build
# What `npm ci`'s postinstall needs: it copies GOV.UK Frontend's assets into public/assets and runs
# `prisma generate` offline (PRISMA_SCHEMA_ENGINE_BINARY points at a dummy file; see scripts/postinstall.mjs).
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/postinstall.mjs scripts/postinstall.mjs
COPY prisma prisma
RUN npm ci
COPY . .
# No secrets or database are needed to build: every page is rendered on request.
RUN npm run build \
 && npm prune --omit=dev

# ── runtime ─────────────────────────────────────────────────────────────────────────────────────────────────
FROM base AS runtime
# tini as PID 1 with -g passes SIGTERM to npm's whole process group, so `docker stop` reaches scripts/start.ts,
# which stops the web server and the worker cleanly (npm alone does not forward signals to its script).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
# The code belongs to root and is read-only for the app. The app user may write only .next (Next's cache) and
# .env, where scripts/lib/local-env.ts stores any secret it has to generate (set NEXTAUTH_SECRET yourself: a
# generated one lasts only as long as the container).
COPY --from=build /app /app
RUN touch .env \
 && chown node:node .env \
 && chmod 600 .env \
 && chown -R node:node .next
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "-g", "--"]
CMD ["npm", "start", "--", "--no-build"]
