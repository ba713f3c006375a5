FROM node:20 AS builder

WORKDIR /usr/src/app

COPY package*.json ./
RUN npm ci

COPY . .

ENV PORT=3000
RUN npm prune --omit=dev

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/nodejs20-debian12:nonroot
ENV PORT=3000
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY --from=builder --chown=nonroot:nonroot /usr/src/app /usr/src/app
USER nonroot
EXPOSE 3000
CMD ["server.js"]
