FROM node:20 AS builder
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm prune --prod

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /app /app
WORKDIR /app
USER node
CMD ["node", "--enable-source-maps", "server.js"]
