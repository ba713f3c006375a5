FROM node:20 AS builder
ENV NODE_ENV=production
ENV GREETING="hi there"
WORKDIR /home/node/app
COPY package.json package-lock.json ./
RUN npm install --omit=dev
COPY src ./src

# Runtime stage written by restage: only what the app needs to run.
FROM gcr.io/distroless/nodejs20-debian12:nonroot
ENV NODE_ENV=production
ENV GREETING="hi there"
WORKDIR /home/node/app
COPY --from=builder --chown=nonroot:nonroot /home/node/app /home/node/app
USER nonroot
EXPOSE 8000
CMD ["src/main.js", "--namespace", "6ba7b811-9dad-11d1-80b4-00c04fd430c8"]
