# syntax=docker/dockerfile:1
# One image for every SkillGraph service; docker-compose.yml picks the entry point per service.
FROM node:20-slim

WORKDIR /app
RUN chown node:node /app
USER node

# The whole tree is copied before `npm ci` because npm needs every workspace's package.json, and
# listing them here would silently go stale when a workspace is added. The cache mount keeps
# rebuilds after a source change fast anyway.
COPY --chown=node:node . .
# NODE_ENV is deliberately unset during the install: `production` would make npm skip devDependencies.
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci --no-audit --no-fund

# Later work adds the media worker's tools here (ffmpeg, and clamd's client config for ClamAV).

ENV NODE_ENV=production
EXPOSE 4000 4001 4002 4003 4004
CMD ["npx", "tsx", "gateway/src/index.ts"]
