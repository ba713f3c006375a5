FROM node:20 AS builder
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
RUN corepack enable
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /app /app
COPY --from=builder --chown=node:node /root/.cache/node/corepack /home/node/.cache/node/corepack
WORKDIR /app
USER node
EXPOSE 8099
CMD ["pnpm", "start"]
