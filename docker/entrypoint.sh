#!/bin/sh
# `api` serves HTTP (and processes jobs unless APP_ROLE=api); `worker` only processes jobs.
set -e
case "${1:-api}" in
  api) exec node dist/api/main.js ;;
  worker) exec node dist/api/worker.js ;;
  *) exec "$@" ;;
esac
