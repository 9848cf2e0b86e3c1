#!/usr/bin/env bash
# Benchmark the tunnel on loopback: relay → listen --relay → app, against posting straight to the app.
#
#   benches/relay.sh [duration=10s] [connections=32]
#
# The app is a second `zernio-hooks listen` (output to /dev/null), the same in both paths, so the
# difference is what the relay hop adds. Latency: wrk with one connection (one delivery at a
# time), median. Throughput: wrk with N connections through one channel. Installs wrk if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10s}
CONNECTIONS=${2:-32}
SECRET=bench-secret-0123456789abcdef
WORK=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
cargo build --release --quiet
BIN=$PWD/target/release/zernio-hooks

BODY=$($BIN trigger webhook.test --compact 2>/dev/null || printf '%s' '{"id":"01JCZ8M2X4Q5R6S7T8V9W0Y1Z2","event":"webhook.test","message":"Test webhook from Zernio","timestamp":"2026-11-29T17:59:29.123Z"}')
printf '%s' "$BODY" > "$WORK/body.json"
SIG=$(openssl dgst -sha256 -hmac "$SECRET" "$WORK/body.json" | awk '{print $NF}')
cat > "$WORK/post.lua" <<LUA
local f = io.open("$WORK/body.json", "rb")
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Zernio-Signature"] = "$SIG"
LUA

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_line() { for _ in $(seq 400); do grep -q "$2" "$1" 2>/dev/null && return 0; python3 -c 'import time; time.sleep(0.05)'; done; echo "never saw '$2' in $1" >&2; cat "$1" >&2; exit 1; }

APP=$(free_port); RELAY=$(free_port)
$BIN listen --port "$APP" --secret "$SECRET" -q >/dev/null 2>"$WORK/app.err" &
$BIN relay --bind "127.0.0.1:$RELAY" >/dev/null 2>"$WORK/relay.err" &
wait_line "$WORK/app.err" "Listening on"
wait_line "$WORK/relay.err" "Relay listening on"
CHANNEL="http://127.0.0.1:$RELAY/0123456789abcdef0123456789abcdef"
$BIN listen --port 0 --secret "$SECRET" --relay "$CHANNEL" --forward-to "http://127.0.0.1:$APP/" >/dev/null 2>"$WORK/listen.err" &
LPID=$!
wait_line "$WORK/listen.err" "connected to relay"

median() { wrk -t1 -c1 -d"$DURATION" --latency -s "$WORK/post.lua" "$1" | awk '$1=="50%" {print $2}'; }
to_ms() { python3 -c "import re,sys; v=sys.argv[1]; n=float(re.match(r'[0-9.]+',v).group()); print(n/1000 if v.endswith('us') else n*1000 if v.endswith('s') and not v.endswith('ms') else n)" "$1"; }
DIRECT=$(median "http://127.0.0.1:$APP/")
RELAYED=$(median "$CHANNEL")
echo "median latency, one delivery at a time: straight to the app $DIRECT, through relay → listen → app $RELAYED"
python3 -c "print(f'added by the relay hop: {float($(to_ms "$RELAYED")) - float($(to_ms "$DIRECT")):.3f} ms (target ≤ 1 ms)')"
OUT=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$WORK/post.lua" "$CHANNEL")
RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$OUT")
NON2XX=$(awk '/Non-2xx/ {print $NF}' <<<"$OUT")
echo "through one channel, $CONNECTIONS connections: $RPS deliveries/s (target ≥ 5,000), non-2xx: ${NON2XX:-0}"
echo "listen peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/$LPID/status)"
