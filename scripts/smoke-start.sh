#!/usr/bin/env bash
# Starts compiled services from dist/ with plain `node` (as the image does), waits until each answers
# /health, then stops it with SIGTERM and expects a clean exit: proof that `npm run build` produced
# something that runs and that the process itself handles the signal.
#
#   npm run build && scripts/smoke-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."

WORK="$(mktemp -d "${TMPDIR:-/tmp}/skillgraph-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

smoke() {
  local name="$1" entry="$2" port pid deadline status
  port="$(free_port)"
  [ -f "$entry" ] || { echo "$name: $entry is missing (run npm run build)" >&2; return 1; }
  (cd "$WORK" && exec env PORT="$port" HOST=127.0.0.1 DATA_DIR="$WORK/data" LOG_LEVEL=warn \
    GATEWAY_SECRET=smoke-test-secret-0123456789abcdef node "$OLDPWD/$entry") >"$WORK/$name.log" 2>&1 &
  pid=$!
  deadline=$((SECONDS + 60))
  until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -gt $deadline ]; then
      echo "$name did not become healthy; its output:" >&2
      cat "$WORK/$name.log" >&2
      kill "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 0.2
  done
  kill -TERM "$pid"
  status=0
  wait "$pid" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$name exited with status $status after SIGTERM; its output:" >&2
    cat "$WORK/$name.log" >&2
    return 1
  fi
  echo "$name: started with node on port $port, healthy, stopped cleanly on SIGTERM"
}

smoke courses dist/subgraphs/courses/src/index.js
smoke gateway dist/gateway/src/index.js
