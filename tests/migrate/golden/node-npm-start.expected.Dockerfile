FROM node:20 AS builder
ENV NODE_ENV=production
ENV GREETING="hi there"
WORKDIR /home/node/app
COPY package.json package-lock.json ./
RUN npm install --omit=dev
COPY src ./src

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
ENV NODE_ENV=production
ENV GREETING="hi there"
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /home/node/app /home/node/app
WORKDIR /home/node/app
USER node
EXPOSE 8000
CMD npm start
