FROM node:22 AS builder
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/nodejs22-debian13:nonroot
# Folders the app may write, owned by nonroot: the first COPY into each makes it
# (a folder WORKDIR makes is root's).
COPY --from=builder --chown=nonroot:nonroot /app /app
WORKDIR /app
USER nonroot
EXPOSE 8080
CMD ["index.js"]
