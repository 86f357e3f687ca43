# syntax=docker/dockerfile:1
# paperbot in a container: `docker build -t paperbot . && docker run --rm -v paperbot-data:/data paperbot`
# prints the digest of the sample dumps, then keeps watching /data/inbox. See README "Run with Docker".
FROM node:22-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is compiled when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci && npm prune --omit=dev

FROM node:22-bookworm-slim
# The node image's `node` user (uid 1000, gid 1000) runs the bot and owns /data.
ENV NODE_ENV=production \
    PAPERBOT_DATA_DIR=/data \
    PAPERBOT_HTTP_PORT=8080 \
    PAPERBOT_HTTP_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
# The sample dumps: a new volume mounted at /data starts with them, so the first run shows a digest.
COPY --chown=node:node data/inbox/*.txt /data/inbox/
RUN chown node:node /data
USER node
VOLUME ["/data"]
# Health and metrics (/healthz, /metrics); 3000 is Slack's HTTP receiver when SLACK_APP_TOKEN is unset.
EXPOSE 8080 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PAPERBOT_HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/paperbot"]
CMD ["run"]
