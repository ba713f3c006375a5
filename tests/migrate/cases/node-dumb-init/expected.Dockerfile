FROM node:20-alpine AS builder
WORKDIR /app
RUN apk add --no-cache dumb-init
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-alpine
# Distro packages the app uses at run time.
RUN apk add --no-cache dumb-init
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /app /app
WORKDIR /app
USER node
# dumb-init forwards signals to node and reaps zombies.
CMD ["dumb-init", "node", "src/app.js"]
