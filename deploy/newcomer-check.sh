#!/usr/bin/env bash
# The README's first steps as a newcomer takes them: `make run`, post the README's example
# call, read its timeline, stop with Ctrl-C (SIGTERM here). CI runs this before
# `make test`, so a test that depends on, or changes, what `make run` left in .run/ fails
# CI the way it would fail a newcomer.
set -euo pipefail
cd "$(dirname "$0")/.."

log="$(mktemp)"
say() { echo "newcomer-check: $*" >&2; }
setsid make run >"$log" 2>&1 &
run_pid=$!
stop() {
  kill -TERM -- "-$run_pid" 2>/dev/null || true
  wait "$run_pid" 2>/dev/null || true
}
trap stop EXIT

waited=0
until grep -q "Press Ctrl-C to stop everything." "$log"; do
  if ! kill -0 "$run_pid" 2>/dev/null || [ "$waited" -ge 300 ]; then
    say "make run did not come up:"; tail -n 40 "$log" >&2; exit 1
  fi
  sleep 1; waited=$((waited + 1))
done
say "make run is up after ${waited}s"

CAD=$(python3 -c 'import json;print(json.load(open(".run/credentials.json"))["cad"])')
AUDITOR=$(python3 -c 'import json;print(json.load(open(".run/credentials.json"))["auditor"])')
answer=$(curl -sS -X POST http://127.0.0.1:8001/v1/calls \
  -H "Authorization: Bearer $CAD" -H 'Content-Type: application/json' \
  -d '{"cad_incident_id": "MP-2026-000101", "call_type": "EDP",
       "narrative": "Brother talking about hurting himself, no weapons.",
       "received_at": "2026-11-25T14:03:00-06:00",
       "location": {"address": "2633 Minnehaha Ave", "lat": 44.9537, "lon": -93.2471}}')
call_id=$(python3 -c 'import json,sys;print(json.loads(sys.argv[1])["call_id"])' "$answer")
say "posted the README's call: $call_id"

waited=0
while :; do
  timeline=$(curl -sS "http://127.0.0.1:8004/v1/calls/$call_id/timeline" \
    -H "Authorization: Bearer $AUDITOR" || true)
  if python3 - "$timeline" <<'PY'
import json, sys
try:
    events = [e["event_type"] for e in json.loads(sys.argv[1])["events"]]
except (ValueError, KeyError, TypeError):
    sys.exit(1)
print("timeline:", ", ".join(events))
sys.exit(0 if "CallTriaged" in events and ({"UnitAssigned", "CallQueued"} & set(events)) else 1)
PY
  then break; fi
  if [ "$waited" -ge 60 ]; then say "no decision in the timeline within 60s: $timeline"; exit 1; fi
  sleep 1; waited=$((waited + 1))
done

stop
trap - EXIT
for port in 8001 8002 8003 8004 19092; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    say "port $port still open after make run stopped"; exit 1
  fi
done
say "make run stopped cleanly"
