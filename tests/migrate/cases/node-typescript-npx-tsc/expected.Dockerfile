FROM node:20-bookworm AS builder
WORKDIR /srv/api
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci
COPY src ./src
RUN npx tsc
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-bookworm-slim
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /srv/api /srv/api
WORKDIR /srv/api
USER node
CMD ["node", "dist/main.js"]
