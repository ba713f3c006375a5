FROM node:20 AS builder
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci
COPY --chown=node:node . .
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /home/node/app /home/node/app
WORKDIR /home/node/app
USER node
EXPOSE 4000
CMD ["node", "app.js"]
