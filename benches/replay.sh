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
# 4. Replays the N captures, then the N payloads as NDJSON, at the given concurrency, and in the
#    same run posts the same 1 KB body N times with oha at the same concurrency; ROUNDS rounds,
#    alternating. Prints the median deliveries/s of each and the ratios (target: >= 0.8x oha),
#    for the send phase (replay's own summary) and for the whole process (reading and checking
#    every input first included).
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
replay_rate() { # input -> "send-phase-rate whole-run-rate"; human output, as by default
  local start end summary
  start=$(date +%s.%N)
  "$BIN" replay "$1" --to "$URL" --secret "$SECRET" -c "$C" >"$WORK/replay.out"
  end=$(date +%s.%N)
  summary=$(tail -n2 "$WORK/replay.out")
  grep -q ": $N met the expectation" <<<"$summary" || { log "replay had failures: $summary"; exit 1; }
  sed -nE 's/.*\(([0-9.]+) deliveries\/s\).*/\1/p' <<<"$summary" |
    awk -v s="$start" -v e="$end" -v n="$N" '{ printf "%.0f %.0f\n", $1, n / (e - s) }'
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
: >"$WORK/captures.txt"; : >"$WORK/ndjson.txt"; : >"$WORK/oha.txt"
for round in $(seq 1 "$ROUNDS"); do
  read -r cap_send cap_wall < <(replay_rate "$WORK/captures-$N")
  echo "$cap_send $cap_wall" >>"$WORK/captures.txt"
  read -r nd_send nd_wall < <(replay_rate "$WORK/payloads-$N.ndjson")
  echo "$nd_send $nd_wall" >>"$WORK/ndjson.txt"
  rate=$(oha_rate)
  echo "$rate" >>"$WORK/oha.txt"
  log "round $round: replay captures $cap_send/s ($cap_wall/s whole run), NDJSON $nd_send/s ($nd_wall/s), oha $rate/s"
done
CAP_SEND=$(cut -d' ' -f1 "$WORK/captures.txt" | median)
CAP_WALL=$(cut -d' ' -f2 "$WORK/captures.txt" | median)
ND_SEND=$(cut -d' ' -f1 "$WORK/ndjson.txt" | median)
ND_WALL=$(cut -d' ' -f2 "$WORK/ndjson.txt" | median)
OHA_RATE=$(median <"$WORK/oha.txt")
ratio() { awk -v r="$1" -v o="$OHA_RATE" 'BEGIN { printf "%.2f", r / o }'; }

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

zernio-hooks replay benchmark: $N deliveries of 1 KB, concurrency $C, median of $ROUNDS rounds
  machine: $(nproc) cores, $(uname -sr); receiver: replay_bench receive (hyper, 1 thread)
  oha, same body and concurrency:       $OHA_RATE requests/s
  replay, captures (send phase):        $CAP_SEND deliveries/s   $(ratio "$CAP_SEND")x oha
  replay, captures (whole run):         $CAP_WALL deliveries/s   $(ratio "$CAP_WALL")x oha
  replay, NDJSON payloads (send phase): $ND_SEND deliveries/s   $(ratio "$ND_SEND")x oha
  replay, NDJSON payloads (whole run):  $ND_WALL deliveries/s   $(ratio "$ND_WALL")x oha
  target: >= 0.80x oha
  peak RSS, captures:  $N -> $((RSS_CAP_N / 1024)) MiB, $BIG -> $((RSS_CAP_BIG / 1024)) MiB
  peak RSS, NDJSON:    $N -> $((RSS_ND_N / 1024)) MiB, $BIG -> $((RSS_ND_BIG / 1024)) MiB
EOF
