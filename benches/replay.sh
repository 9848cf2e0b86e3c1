#!/usr/bin/env bash
# Benchmark `zernio-hooks replay` against oha (run by hand, not a test).
#
#   benches/replay.sh [N] [CONCURRENCY] [ROUNDS]     defaults: 10000 32 3
#
# 1. Installs oha under target/bench-tools if it is not on PATH, builds zernio-hooks (release)
#    and the helper example `replay_bench` (a fast hyper receiver + an input generator).
# 2. Starts the receiver: `replay_bench receive`, a tiny hyper server on 127.0.0.1:0 that reads
#    each body and answers 200 at once with keep-alive (zernio-hooks listen verifies, prints and
#    captures, which would measure listen rather than replay).
# 3. Generates N captured 1 KB deliveries (zernio-hooks/capture files) and the same as NDJSON.
# 4. Replays the captures at the given concurrency and, in the same run, posts the same 1 KB
#    body N times with oha at the same concurrency, ROUNDS times each, alternating; prints the
#    median deliveries/s of each and the ratio (target: >= 0.8x oha).
# 5. Peak RSS of replay for N and 10*N inputs, captures and NDJSON (target: flat in N).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-10000}
C=${2:-32}
ROUNDS=${3:-3}
SECRET=whsec_bench_0123456789abcdef
ROOT=$(pwd)
TOOLS="$ROOT/target/bench-tools"
WORK="$ROOT/target/bench-replay"

log() { printf '%s\n' "$*" >&2; }

# --- tools -----------------------------------------------------------------------------------
OHA=$(command -v oha || true)
if [[ -z "$OHA" ]]; then
  OHA="$TOOLS/bin/oha"
  if [[ ! -x "$OHA" ]]; then
    log "installing oha into $TOOLS (once)"
    cargo install oha --root "$TOOLS" --locked >&2
  fi
fi
TIME=/usr/bin/time
if [[ ! -x "$TIME" ]]; then
  log "GNU time (/usr/bin/time) is needed for peak RSS; install it (apt-get install time)"
  exit 1
fi
log "building release binaries"
cargo build --release --bin zernio-hooks --example replay_bench >&2
BIN="$ROOT/target/release/zernio-hooks"
KIT="$ROOT/target/release/examples/replay_bench"

# --- receiver --------------------------------------------------------------------------------
mkdir -p "$WORK"
"$KIT" receive 1 >"$WORK/receiver.url" &
RECEIVER=$!
trap 'kill "$RECEIVER" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [[ -s "$WORK/receiver.url" ]] && break; sleep 0.05; done
URL=$(head -n1 "$WORK/receiver.url")
log "receiver (replay_bench receive, 1 worker thread) at $URL"

# --- inputs ----------------------------------------------------------------------------------
generate() { # kind path count
  if [[ ! -e "$2" ]]; then
    log "generating $3 $1 in $2"
    "$KIT" generate "$1" "$2" "$3"
  fi
}
generate captures "$WORK/captures-$N" "$N"
generate ndjson "$WORK/payloads-$N.ndjson" "$N"
BIG=$((N * 10))
generate captures "$WORK/captures-$BIG" "$BIG"
generate ndjson "$WORK/payloads-$BIG.ndjson" "$BIG"
"$KIT" generate body "$WORK/body.json"
SIG=$("$BIN" sign --secret "$SECRET" "$WORK/body.json")

# --- throughput ------------------------------------------------------------------------------
replay_rate() { # input -> "send-phase-rate wall-rate"
  local start end json
  start=$(date +%s.%N)
  json=$("$BIN" replay "$1" --to "$URL" --secret "$SECRET" -c "$C" --json | tail -n1)
  end=$(date +%s.%N)
  local failed per_second
  failed=$(sed -E 's/.*"failed":([0-9]+).*/\1/' <<<"$json")
  per_second=$(sed -E 's/.*"per_second":([0-9.]+).*/\1/' <<<"$json")
  [[ "$failed" == 0 ]] || { log "replay had failures: $json"; exit 1; }
  awk -v s="$start" -v e="$end" -v n="$N" -v p="$per_second" 'BEGIN { printf "%.0f %.0f\n", p, n / (e - s) }'
}
oha_rate() {
  "$OHA" -n "$N" -c "$C" -m POST -D "$WORK/body.json" --no-tui \
    -H "content-type: application/json" -H "x-zernio-event: post.published" \
    -H "x-zernio-event-id: evt_bench_00000000" -H "x-zernio-signature: $SIG" "$URL" |
    awk '/Requests\/sec/ { printf "%.0f\n", $2 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

log "warming up"
replay_rate "$WORK/captures-$N" >/dev/null
oha_rate >/dev/null
: >"$WORK/replay.txt"; : >"$WORK/oha.txt"
for round in $(seq 1 "$ROUNDS"); do
  read -r send wall < <(replay_rate "$WORK/captures-$N")
  echo "$send $wall" >>"$WORK/replay.txt"
  rate=$(oha_rate)
  echo "$rate" >>"$WORK/oha.txt"
  log "round $round: replay $send/s sending ($wall/s wall, checking included), oha $rate/s"
done
REPLAY=$(cut -d' ' -f1 "$WORK/replay.txt" | median)
REPLAY_WALL=$(cut -d' ' -f2 "$WORK/replay.txt" | median)
OHA_RATE=$(median <"$WORK/oha.txt")

# --- memory ----------------------------------------------------------------------------------
peak_rss() { # input -> KiB
  "$TIME" -f '%M' -o "$WORK/rss" "$BIN" replay "$1" --to "$URL" --secret "$SECRET" -c "$C" --quiet >/dev/null
  cat "$WORK/rss"
}
RSS_CAP_N=$(peak_rss "$WORK/captures-$N")
RSS_CAP_BIG=$(peak_rss "$WORK/captures-$BIG")
RSS_ND_N=$(peak_rss "$WORK/payloads-$N.ndjson")
RSS_ND_BIG=$(peak_rss "$WORK/payloads-$BIG.ndjson")

# --- report ----------------------------------------------------------------------------------
cat <<EOF

zernio-hooks replay benchmark: $N captured 1 KB deliveries, concurrency $C, median of $ROUNDS rounds
  machine: $(nproc) cores, $(uname -sr); receiver: replay_bench receive (hyper, 1 thread)
  replay (send phase):        $REPLAY deliveries/s
  replay (wall, incl. check): $REPLAY_WALL deliveries/s
  oha (same body, same c):    $OHA_RATE requests/s
  ratio replay/oha:           $(awk -v r="$REPLAY" -v o="$OHA_RATE" 'BEGIN { printf "%.2f", r / o }') (send phase), $(awk -v r="$REPLAY_WALL" -v o="$OHA_RATE" 'BEGIN { printf "%.2f", r / o }') (wall)   target >= 0.80
  peak RSS, captures:  $N -> $((RSS_CAP_N / 1024)) MiB, $BIG -> $((RSS_CAP_BIG / 1024)) MiB
  peak RSS, NDJSON:    $N -> $((RSS_ND_N / 1024)) MiB, $BIG -> $((RSS_ND_BIG / 1024)) MiB
EOF
