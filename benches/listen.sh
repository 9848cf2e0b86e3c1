#!/usr/bin/env bash
# Benchmark `zernio-hooks listen` against adnanh/webhook (the Debian package `webhook`), in one run.
#
# Both receive the same 1 KB payload signed with HMAC-SHA256 in X-Zernio-Signature and verify it
# (zernio-hooks: --secret; webhook: a payload-hmac-sha256 trigger rule). Load comes from wrk on
# loopback. zernio-hooks writes its pretty output to a file, with captures off.
#
#   benches/listen.sh [duration=10s] [connections=64]
#
# Installs wrk and webhook with apt-get when missing. Prints deliveries/s, p99 latency and peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
CONNECTIONS=${2:-64}
SECRET=bench-secret-0123456789abcdef
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

need() { command -v "$1" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$2" >/dev/null; }; }
need wrk wrk
need webhook webhook

cargo build --release --quiet
BIN=target/release/zernio-hooks

# A 1 KB post.published payload, and its signature computed by openssl (not by zernio-hooks).
python3 - "$WORK/body.json" <<'PY'
import json, sys
payload = {"id": "01JCZ8M2X4Q5R6S7T8V9W0Y1Z2", "event": "post.published",
           "post": {"id": "65f1c0ffee0123456789abcd", "content": "", "status": "published",
                    "scheduledFor": "2026-11-29T17:00:00.000Z", "publishedAt": "2026-11-29T17:00:02.000Z",
                    "platforms": [{"platform": "twitter", "status": "published", "accountId": "65c8f7e2a1b3c4d5e6f7a8b9",
                                   "platformPostId": "1790000000000000000",
                                   "publishedUrl": "https://x.com/acme/status/1790000000000000000"}]},
           "timestamp": "2026-11-29T17:00:02.123Z"}
body = json.dumps(payload, separators=(",", ":"))
payload["post"]["content"] = "x" * (1024 - len(body))
body = json.dumps(payload, separators=(",", ":"))
assert len(body) == 1024, len(body)
open(sys.argv[1], "w").write(body)
PY
SIG=$(openssl dgst -sha256 -hmac "$SECRET" "$WORK/body.json" | awk '{print $NF}')
cat > "$WORK/post.lua" <<LUA
local f = io.open("$WORK/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Zernio-Signature"] = "$SIG"
wrk.headers["X-Zernio-Event"] = "post.published"
wrk.headers["X-Zernio-Event-Id"] = "01JCZ8M2X4Q5R6S7T8V9W0Y1Z2"
LUA

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 200); do (echo >/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; python3 -c 'import time; time.sleep(0.05)'; done; echo "port $1 never opened" >&2; exit 1; }
load() { # url name pid
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/post.lua" "$1")
  local rps p99 non2xx rss
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  rss=$(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/"$3"/status)
  printf '%-26s %12s deliveries/s   p99 %-9s  peak RSS %-9s  non-2xx %s\n' "$2" "$rps" "$p99" "$rss" "${non2xx:-0}"
  echo "$rps"
}

echo "wrk: $CONNECTIONS connections, 2 threads, $DURATION, 1024-byte signed body; $(nproc) cores"
PORT=$(free_port)
$BIN listen --port "$PORT" --secret "$SECRET" --color never >"$WORK/listen.out" 2>"$WORK/listen.err" &
ZPID=$!
wait_port "$PORT"
ZRPS=$(load "http://127.0.0.1:$PORT/" "zernio-hooks listen" "$ZPID" | tee /dev/stderr | tail -1)
grep -c '✓ valid' "$WORK/listen.out" | xargs printf '  (zernio-hooks printed %s verified deliveries)\n'
kill -INT "$ZPID"; wait "$ZPID" || true

cat > "$WORK/hooks.json" <<JSON
[{"id": "zernio", "execute-command": "/bin/true", "response-message": "ok",
  "trigger-rule": {"match": {"type": "payload-hmac-sha256", "secret": "$SECRET",
                             "parameter": {"source": "header", "name": "X-Zernio-Signature"}}}}]
JSON
PORT=$(free_port)
webhook -hooks "$WORK/hooks.json" -ip 127.0.0.1 -port "$PORT" >"$WORK/webhook.log" 2>&1 &
WPID=$!
wait_port "$PORT"
WRPS=$(load "http://127.0.0.1:$PORT/hooks/zernio" "adnanh/webhook $(webhook -version | awk '{print $NF}')" "$WPID" | tee /dev/stderr | tail -1)
kill "$WPID"; wait "$WPID" 2>/dev/null || true

python3 -c "print(f'zernio-hooks / webhook throughput: {float($ZRPS)/float($WRPS):.1f}x')"
