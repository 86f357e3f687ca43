# syntax=docker/dockerfile:1
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci && npm prune --omit=dev

FROM node:22-bookworm-slim
# Inside the container every interface is the container's own: ports are reachable only where `docker run -p` publishes them.
ENV NODE_ENV=production PAPERBOT_DATA_DIR=/data PAPERBOT_HTTP_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
RUN mkdir -p /data/inbox && chown -R node:node /data
USER node
VOLUME ["/data"]
ENTRYPOINT ["node", "bin/paperbot"]
CMD ["run"]
