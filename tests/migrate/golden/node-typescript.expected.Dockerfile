FROM node:20 AS builder
WORKDIR /app
COPY . .
RUN npm install
RUN npm run build
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=builder --chown=node:node /app /app
USER node
CMD ["node", "dist/index.js"]
