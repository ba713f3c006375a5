FROM node:20 AS builder

WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
COPY index.js ./

RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/nodejs20-debian12:nonroot
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=builder --chown=nonroot:nonroot /usr/src/app /usr/src/app
USER nonroot
CMD ["index.js"]
