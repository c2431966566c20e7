# syntax=docker/dockerfile:1
# One image for every SkillGraph service: compiled JavaScript run by `node`, production
# dependencies only, as the unprivileged `node` user. docker-compose.yml picks the entry point.
#
#   docker build -t skillgraph .
#   docker run --rm skillgraph node dist/subgraphs/courses/src/index.js   # any service, see README

ARG NODE_IMAGE=node:20-slim

# --- build: every dependency, then tsc to dist/ -----------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The whole tree is copied because npm needs every workspace's package.json, and a hand-kept list
# would go stale when a workspace is added; .dockerignore keeps data, builds and secrets out.
COPY . .
# No fallback: a lock file that `npm ci` refuses is a defect of the commit that made it.
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
RUN npm run build
# The web client: built here, placed where the compiled gateway looks by default (WEB_CLIENT_DIR,
# ../../web/dist from dist/gateway/src), so the runtime image serves it without its toolchain.
RUN npm run web:build && mkdir -p dist/web && cp -r web/dist dist/web/dist
# What the production install needs: the manifests and the lock, nothing else.
RUN mkdir -p /manifests \
 && cp package.json package-lock.json /manifests/ \
 && for manifest in packages/*/package.json gateway/package.json subgraphs/*/package.json; do \
      mkdir -p "/manifests/$(dirname "$manifest")" && cp "$manifest" "/manifests/$manifest"; \
    done

# --- production dependencies -------------------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=build /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

# --- runtime ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# The media worker drives ffmpeg/ffprobe (video) and poppler (PDF text and page counts).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ffmpeg poppler-utils \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/ ./
COPY --from=build --chown=node:node /app/dist/ ./dist/
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
# Every HTTP service answers /ready once its store (and dependencies) answer; PORT is set per
# service. The media worker has no HTTP port and turns this check off in docker-compose.yml.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1's child under `init: true` (compose) and handles SIGTERM itself: a graceful drain.
CMD ["node", "dist/gateway/src/index.js"]
