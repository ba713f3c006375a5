FROM node:20 AS builder
WORKDIR /app
RUN npm install -g pnpm@9
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm run build
RUN pnpm prune --prod

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
RUN npm install -g pnpm@9
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /app /app
WORKDIR /app
USER node
CMD ["pnpm", "start"]
