FROM node:20 AS builder
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm prune --prod

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=builder --chown=node:node /app /app
USER node
CMD ["node", "--enable-source-maps", "server.js"]
