#!/usr/bin/env bash
# Load test of the public POST /api/messages with wrk (docs/BENCHMARKS.md).
# Usage: scripts/bench-web.sh [duration=30s] [connections=16]
# Builds the jar, starts the hub on a fresh embedded PostgreSQL with both rate limits (per client
# and for all clients) lifted (a run with either in place measures mostly 429 answers), then
# warms it up, runs wrk, stops the hub. wrk and the hub share the machine: compare runs made here.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30s}
connections=${2:-16}
port=${BENCH_PORT:-18080}

if ! command -v wrk >/dev/null; then
  sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq wrk
fi

./mvnw -q -B -DskipTests package
data=target/bench-web-data/$(date +%s)
HUB_DATA_DIR=$data SERVER_PORT=$port HUB_ADMIN_PASSWORD=bench-web-sign-in HUB_WEB_RATE_LIMIT=1000000000 HUB_WEB_GLOBAL_RATE_LIMIT=1000000000 \
  java -Xmx1g -jar target/contact-hub-*.jar > target/bench-web-hub.log 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null; wait $hub 2>/dev/null || true' EXIT
# Ready when a real message is accepted (202), not merely when the port answers.
for _ in $(seq 1 120); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "localhost:$port/api/messages" -H 'Content-Type: application/json' \
    -d '{"email":"ready@example.com","subject":"ready","body":"ready?"}' || true)
  [ "$code" = 202 ] && break
  sleep 1
done

echo "warm-up (10s)..."
wrk -t2 -c"$connections" -d10s -s scripts/wrk-post-message.lua "http://localhost:$port" >/dev/null
echo "measured run ($duration, $connections connections, 2 wrk threads):"
wrk -t2 -c"$connections" -d"$duration" --latency -s scripts/wrk-post-message.lua "http://localhost:$port"
echo "tickets now in the hub: $(curl -s -u admin:bench-web-sign-in "localhost:$port/api/messages?limit=1" | sed -E 's/.*"id":([0-9]+).*/\1/')"
