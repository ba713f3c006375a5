FROM node:20-slim AS builder
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/nodejs20-debian12:nonroot
ENV NODE_ENV=production
WORKDIR /app
COPY --from=builder --chown=nonroot:nonroot /app /app
USER nonroot
CMD ["worker.js"]
