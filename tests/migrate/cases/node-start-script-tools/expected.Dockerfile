FROM node:20 AS builder

RUN apt-get update \
 && apt-get install -y --no-install-recommends curl bzip2 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json ./
RUN npm install
COPY . .

RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
# Distro packages the app uses at run time.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# Folders the app may write, owned by node: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=node:node /app /app
WORKDIR /app
USER node
CMD ["./start.sh"]
