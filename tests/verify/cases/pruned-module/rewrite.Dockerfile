FROM node:20 AS builder
WORKDIR /app
COPY package.json index.js ./
COPY vendor ./vendor
RUN npm install --offline --no-audit --no-fund
# tiny-fmt is a devDependency, but index.js needs it at run time.
RUN npm prune --omit=dev --offline

FROM node:20-slim
WORKDIR /app
COPY --from=builder /app/package.json /app/index.js ./
COPY --from=builder /app/node_modules ./node_modules
CMD ["node", "index.js"]
