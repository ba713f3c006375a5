FROM node:20 AS builder

WORKDIR /opt/status
COPY package.json package-lock.json ./
RUN npm ci
COPY . .

RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
# Who to page when this breaks.
LABEL org.opencontainers.image.source="https://example.com/acme/status-page" \
      maintainer="platform@example.com"
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /opt/status /opt/status
WORKDIR /opt/status
USER node
# The dashboard port.
EXPOSE 3000
# Probe the app from inside the container.
HEALTHCHECK --interval=30s --timeout=3s CMD node healthcheck.js || exit 1
CMD ["npm", "start"]
