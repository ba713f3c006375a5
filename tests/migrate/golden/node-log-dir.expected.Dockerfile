FROM node:20 AS builder

RUN mkdir -p /var/log/app && chown node:node /var/log/app

WORKDIR /app
COPY package.json worker.js ./

RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
COPY --from=builder --chown=node:node /app /app
COPY --from=builder --chown=node:node /var/log/app /var/log/app
WORKDIR /app
USER node
CMD ["node", "worker.js"]
