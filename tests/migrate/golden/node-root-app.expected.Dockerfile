FROM node:20 AS builder

# No WORKDIR: the app lives in the image root, as many small projects do.
COPY . .
RUN npm install
RUN npm run build

RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
WORKDIR /
COPY . .
COPY --from=builder /node_modules /node_modules
COPY --from=builder /dist /dist
CMD ["node", "dist/index.js"]
