#!/bin/sh
# Waits for the config service, then starts the app.
set -e
until curl -fsS "http://${CONFIG_HOST:-config}/ready" > /dev/null; do
  sleep 1
done
exec node server.js "$@"
