FROM node:20 AS builder

WORKDIR /app
COPY package.json server.js ./

# Uploads go below BASE_DIR, outside the app folder.
ENV BASE_DIR=/data
RUN npm prune --omit=dev
# An empty folder: copied into the runtime stage, it makes folders owned by the
# user the app runs as.
RUN mkdir -p /restage/empty

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
# Uploads go below BASE_DIR, outside the app folder.
ENV BASE_DIR=/data
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /app /app
COPY --from=builder --chown=node:node /restage/empty/ /data/
WORKDIR /app
USER node
CMD ["node", "server.js"]
