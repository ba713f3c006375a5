FROM node:20 AS builder
COPY package.json package-lock.json ./
RUN npm ci
COPY index.js ./
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
WORKDIR /
COPY package.json package-lock.json ./
COPY index.js ./
COPY --from=builder /node_modules /node_modules
CMD ["node", "index.js"]
