FROM node:20 AS builder

WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci
COPY src ./src

# Runtime stage written by restage: only what the app needs to run.
FROM node:20-slim
COPY --from=builder --chown=node:node /app /app
WORKDIR /app
# npm start builds the app (prestart) and then serves it.
CMD ["npm", "start"]
