FROM golang:1.22-alpine AS builder
RUN apk add --no-cache gcc musl-dev
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o geo .

# Runtime stage written by restage: only what the app needs to run.
FROM alpine:3.20
WORKDIR /src
COPY --from=builder /src/geo /src/geo
CMD ["./geo"]
