FROM node:20-slim AS builder
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=builder --chown=node:node /app /app
USER node
CMD ["node", "worker.js"]
