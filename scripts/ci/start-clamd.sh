#!/usr/bin/env bash
# Starts clamd on 127.0.0.1:3310 with a tiny signature database that holds only the EICAR test
# signature (no freshclam: tests need no download and CI has no signature mirror).
# Idempotent: when something on the port already answers PING with PONG, it does nothing.
#
#   scripts/ci/start-clamd.sh            # CLAMD_PORT (3310), CLAMD_HOST (127.0.0.1) may be set
#
# The database and the configuration live in a temporary directory printed on success; clamd runs
# in the background (daemonised) until killed (`kill $(cat <dir>/clamd.pid)`).
set -euo pipefail

HOST="${CLAMD_HOST:-127.0.0.1}"
PORT="${CLAMD_PORT:-3310}"
WAIT_SECONDS="${CLAMD_WAIT_SECONDS:-60}"

ping_clamd() {
  # zINSTREAM-style null-terminated command; clamd answers "PONG\0".
  local reply
  reply="$( (exec 3<>"/dev/tcp/$HOST/$PORT" && printf 'zPING\0' >&3 && timeout 2 head -c 4 <&3) 2>/dev/null || true)"
  [ "$reply" = "PONG" ]
}

if ping_clamd; then
  echo "clamd already answers on $HOST:$PORT"
  exit 0
fi

CLAMD_BIN="$(command -v clamd || true)"
[ -n "$CLAMD_BIN" ] || CLAMD_BIN=/usr/sbin/clamd
if [ ! -x "$CLAMD_BIN" ]; then
  echo "clamd is not installed (Debian package clamav-daemon)" >&2
  exit 1
fi

DIR="$(mktemp -d "${TMPDIR:-/tmp}/clamd-eicar.XXXXXX")"
mkdir -p "$DIR/db"
# Body-based (.ndb) signature: matches the 68-byte EICAR string anywhere in a file, target type 0 (any).
EICAR_HEX="$(printf '%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' | od -An -tx1 | tr -d ' \n')"
printf 'Eicar-Test-Signature:0:*:%s\n' "$EICAR_HEX" > "$DIR/db/eicar.ndb"

cat > "$DIR/clamd.conf" <<CONF
DatabaseDirectory $DIR/db
TCPSocket $PORT
TCPAddr $HOST
PidFile $DIR/clamd.pid
LogFile $DIR/clamd.log
TemporaryDirectory $DIR
Foreground false
LogTime true
MaxThreads 4
StreamMaxLength 200M
SelfCheck 0
CONF

"$CLAMD_BIN" --config-file="$DIR/clamd.conf"

deadline=$((SECONDS + WAIT_SECONDS))
until ping_clamd; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "clamd did not answer PING on $HOST:$PORT within ${WAIT_SECONDS}s; log:" >&2
    cat "$DIR/clamd.log" >&2 || true
    exit 1
  fi
  sleep 0.2
done
echo "clamd answers on $HOST:$PORT (config and database in $DIR)"
