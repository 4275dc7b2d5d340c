#!/usr/bin/env bash
# Starts the built platform with no database or Redis server (embedded engines) from a clean data
# folder, waits for health, logs in as a demo user, and stops it. Prints how long the first start took.
set -euo pipefail
cd "$(dirname "$0")/.."
data_dir=$(mktemp -d)
port=${SMOKE_PORT:-3917}
log=$(mktemp)
start=$(date +%s.%N)
env -u DATABASE_URL -u REDIS_URL DATA_DIR="$data_dir" PORT="$port" node apps/api/dist/main.js >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data_dir"' EXIT
healthy=false
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then healthy=true; break; fi
  kill -0 $pid 2>/dev/null || break
  sleep 0.5
done
if ! $healthy; then echo "platform did not become healthy"; cat "$log"; exit 1; fi
awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "healthy after %.1f s\n", e - s }'
curl -fsS "http://127.0.0.1:$port/api/v1/health"; echo
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
  -d '{"email":"bank1@demo.zjgf.local","password":"Demo@Zhanjiang2026"}' "http://127.0.0.1:$port/api/v1/auth/login")
[ "$code" = 200 ] || { echo "demo login answered $code"; cat "$log"; exit 1; }
echo "demo login OK"
page=$(curl -fsS "http://127.0.0.1:$port/")
echo "$page" | grep -q '湛江绿色金融对接平台' || { echo "web app not served"; exit 1; }
echo "web app served"
kill -TERM $pid
status=0; wait $pid || status=$?
trap 'rm -rf "$data_dir"' EXIT
[ "$status" = 0 ] || { echo "shutdown exited with $status"; tail -20 "$log"; exit 1; }
echo "stopped cleanly on SIGTERM"
