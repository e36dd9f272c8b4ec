# syntax=docker/dockerfile:1
# Pusher Me api: REST api, OpenAPI at /docs, the web pages at /; also runs the one-shot migration (dist/libs/database/src/migrate.main.js).
# Build from the repository root: docker build -f docker/api.Dockerfile -t pusher-me-api .
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
RUN npm run build:web

# 2. Production dependencies only, installed apart so the runtime image carries no compilers.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime: compiled JavaScript, production node_modules, unprivileged user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    API_PORT=3000
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /src/package.json ./package.json
COPY --from=build --chown=node:node /src/dist/libs ./dist/libs
COPY --from=build --chown=node:node /src/dist/apps/api ./dist/apps/api
COPY --from=build --chown=node:node /src/apps/web/dist ./apps/web/dist
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.API_PORT + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains (the app stops taking work, finishes what it holds, exits 0); give it time with stop_grace_period.
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/apps/api/src/main.js"]
