# syntax=docker/dockerfile:1
# Pusher Me worker: BullMQ delivery workers; the port serves only /health and /metrics. Also holds the requeue CLI (dist/apps/worker/src/cli/requeue.main.js).
# Build from the repository root: docker build -f docker/worker.Dockerfile -t pusher-me-worker .
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Compile with the full dependency set (SWC, TypeScript).
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# npm install, not npm ci: the lockfile pins every version but cannot list other platforms' optional
# binaries (SWC's) when the registry it was made against lacks them, and npm ci rejects that.
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only, installed apart so the runtime image carries no compilers.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime: compiled JavaScript, production node_modules, unprivileged user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    WORKER_PORT=3001
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /src/package.json ./package.json
COPY --from=build --chown=node:node /src/dist/libs ./dist/libs
COPY --from=build --chown=node:node /src/dist/apps/worker ./dist/apps/worker

USER node
EXPOSE 3001
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.WORKER_PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains (the app stops taking work, finishes what it holds, exits 0); give it time with stop_grace_period.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/apps/worker/src/main.js"]
