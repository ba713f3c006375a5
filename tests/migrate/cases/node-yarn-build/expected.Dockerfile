FROM node:18 AS builder
WORKDIR /home/node/app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build
RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline

# Runtime stage written by restage: only what the app needs to run.
FROM node:18-slim
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /home/node/app /home/node/app
WORKDIR /home/node/app
USER node
CMD ["yarn", "start"]
