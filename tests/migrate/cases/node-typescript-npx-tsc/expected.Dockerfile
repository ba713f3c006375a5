FROM node:20-bookworm AS builder
WORKDIR /srv/api
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci
COPY src ./src
RUN npx tsc
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /srv/api
COPY --from=builder --chown=node:node /srv/api /srv/api
USER node
CMD ["node", "dist/main.js"]
