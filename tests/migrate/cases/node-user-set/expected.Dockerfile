FROM node:20 AS builder
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci
COPY --chown=node:node . .
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /home/node/app
COPY --from=builder --chown=node:node /home/node/app /home/node/app
USER node
EXPOSE 4000
CMD ["node", "app.js"]
