FROM node:20-alpine AS builder
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
ENV PORT=8080
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-alpine
ENV PORT=8080
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /app /app
WORKDIR /app
USER node
EXPOSE 8080
CMD ["node", "server.js"]
