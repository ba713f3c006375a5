#!/bin/sh
# Site settings decide what runs before the app.
. ./hooks.sh
exec "$@"
