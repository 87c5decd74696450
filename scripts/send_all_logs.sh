#!/usr/bin/env bash
# Sends the seed's demonstration traffic to an ingestor:
#   one log per accepted level (7)             -> 200, stored in Elasticsearch
#   one log with an impossible date (Feb 31st) -> 200, then the parser's dead-letter topic
#   one body that is not JSON                  -> 400
# INGESTOR_URL chooses the ingestor (default http://127.0.0.1:8081).
set -uo pipefail

URL="${INGESTOR_URL:-http://127.0.0.1:8081}"
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

post() { # $1: what it is, $2: body
  local response code
  if ! response=$(curl -sS --max-time 10 -w $'\n%{http_code}' -X POST "$URL/log" \
      -H 'Content-Type: application/json' --data-binary "$2"); then
    echo "send_all_logs: cannot reach the ingestor at $URL (is LogFlow up? './logflow up')" >&2
    exit 2
  fi
  code="${response##*$'\n'}"
  printf '%-28s HTTP %s %s\n' "$1" "$code" "${response%$'\n'*}"
}

for level in DEBUG INFO WARN WARNING ERROR FATAL PANIC; do
  post "level $level" "{\"timestamp\":\"$NOW\",\"level\":\"$level\",\"message\":\"send_all_logs: a $level log\",\"service\":\"send-all-logs\",\"metadata\":{\"source\":\"send_all_logs.sh\"}}"
done
post "impossible date" '{"timestamp":"2024-02-31T12:00:00Z","level":"ERROR","message":"send_all_logs: this date does not exist","service":"send-all-logs"}'
post "not JSON" 'this is not JSON'
