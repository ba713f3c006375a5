FROM node:20 AS builder

WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .

RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /app /app
WORKDIR /app
USER node
EXPOSE 8097
CMD ["yarn", "node", "."]
