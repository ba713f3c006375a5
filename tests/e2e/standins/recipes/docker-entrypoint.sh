#!/bin/sh
# Same behaviour as the official node image's entrypoint: run the command
# with node when the first argument is an option, is not a command on PATH,
# or is a non-executable file (so `CMD ["server.js"]` works).
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
