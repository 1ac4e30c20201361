#!/usr/bin/env bash
# Where one author's posts/s go, stage by stage: the same post under wrk, cut off at each stage of
# Deling's post path, beside the plain endpoints of the same run.
#
#   load-tests/ladder.sh [rounds=4] [seconds=5]
#
# Builds the committed HEAD with load-tests/ladder.patch applied (in a temporary worktree; the
# patch is for measuring only and never part of the server), then runs one server per stage at once
# (fresh data directories, the README's jvm.options), each joined by the suite's organisation, and
# short wrk runs of the suite's one author (-t2 -c64, the suite's texts) alternate between them,
# the order turned round every round. The stages, by DELING_LADDER:
#   answer   Deling's HTTP server answers POST /api/posts at once, its body read (nothing of Deling's runs)
#   checked  answered in the route: after the body handler, authentication, the UTF-8 check, the
#            rate limits and the contract's validation
#   decided  answered once the post's event is decided and encoded (never sealed, never stored)
#   stored   answered once the event is sealed and durably stored (the read model, search and the
#            stream still apply it, but the answer does not wait for them)
#   full     the server as it ships: answered once the read model has the post
# and the plain endpoints (PlainServer): GET /json, and POST /durable, the plainest durable write.
# Prints each run (round, stage, requests/s, server CPU µs per request) and the medians, each as a
# share of the plain endpoint. Needs wrk, curl and python3; run it from the repository's root.
set -euo pipefail
ROUNDS=${1:-4}
SECONDS_EACH=${2:-5}
ROOT=$(pwd)
WORK=$(mktemp -d -t deling-ladder-XXXXXX)
PIDS=()
STAGES=(answer checked decided stored full)
SECRET=ladder-0123456789-abcdefghijklmnopqrstuv
cleanup() {
  kill "${PIDS[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  git -C "$ROOT" worktree remove --force "$WORK/src" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "building HEAD with the ladder's patch …"
git -C "$ROOT" worktree add -q --detach "$WORK/src" HEAD
git -C "$WORK/src" apply "$ROOT/load-tests/ladder.patch"
(cd "$WORK/src" && mvn -q -B package -DskipTests) > "$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
(cd "$ROOT" && mvn -q -B test-compile) > "$WORK/test-compile.log" 2>&1 || { tail -30 "$WORK/test-compile.log"; exit 1; }

port=8090
declare -A PORT
for stage in "${STAGES[@]}"; do
  PORT[$stage]=$port
  mkdir -p "$WORK/data-$stage"
  (cd "$WORK/src" && exec env DELING_LADDER=$stage DELING_JWT_SECRET=$SECRET DELING_DEV_LOGIN=true \
    DELING_HTTP_PORT=$port DELING_WRITE_RATE=0 DELING_DATA_DIR="$WORK/data-$stage" \
    java @jvm.options -jar target/deling.jar) > "$WORK/server-$stage.log" 2>&1 &
  PIDS+=($!)
  echo $! > "$WORK/pid-$stage"
  port=$((port + 1))
done
PLAIN_PORT=$port
(cd "$ROOT" && exec mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=no.deling.load.suite.PlainServer \
  -Dexec.args="$PLAIN_PORT") > "$WORK/plain.log" 2>&1 &
PIDS+=($!)
echo $! > "$WORK/pid-plain"
for stage in "${STAGES[@]}"; do
  p=${PORT[$stage]}
  for _ in $(seq 1 120); do curl -sf "localhost:$p/health/ready" > /dev/null && break; sleep 0.5; done
  curl -sf "localhost:$p/health/ready" > /dev/null || { echo "the $stage server did not start:"; tail -20 "$WORK/server-$stage.log"; exit 1; }
done
for _ in $(seq 1 120); do curl -sf "localhost:$PLAIN_PORT/json" > /dev/null && break; sleep 0.5; done

# the suite's organisation on every server, and its one author's script (load-tests/src/.../WrkScripts)
for stage in "${STAGES[@]}"; do
  (cd "$ROOT" && mvn -q -B exec:java -Dexec.classpathScope=test -Dexec.mainClass=no.deling.load.suite.WrkScripts \
    -Dexec.args="--url http://127.0.0.1:${PORT[$stage]} --secret $SECRET --out $WORK/wrk-$stage") > "$WORK/setup-$stage.log" 2>&1 \
    || { echo "the organisation did not join the $stage server:"; tail -20 "$WORK/setup-$stage.log"; exit 1; }
  cp "$WORK/wrk-$stage/one.lua" "$WORK/$stage.lua"
done
# the same bodies to the plainest durable write
sed 's#"/api/posts"#"/durable"#' "$WORK/full.lua" > "$WORK/durable.lua"

run() { # name url script seconds -> "requests/s µs-per-request"
  local pid s0 s1 n
  pid=$(cat "$WORK/pid-$1")
  s0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  if [ -n "$3" ]; then wrk -t2 -c64 -d"$4"s -s "$3" "$2" > "$WORK/wrk.txt"; else wrk -t2 -c64 -d"$4"s "$2" > "$WORK/wrk.txt"; fi
  s1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  n=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  grep -q "Non-2xx" "$WORK/wrk.txt" && { echo "errors from $1:" >&2; cat "$WORK/wrk.txt" >&2; exit 1; }
  awk -v s0="$s0" -v s1="$s1" -v n="$n" -v tick="$(getconf CLK_TCK)" '/Requests\/sec/ {printf "%.0f %.1f\n", $2, (s1-s0)*1e6/tick/n}' "$WORK/wrk.txt"
}
measure() { # name seconds
  case $1 in
    plain) run plain "http://127.0.0.1:$PLAIN_PORT/json" "" "$2" ;;
    durable) run plain "http://127.0.0.1:$PLAIN_PORT/durable" "$WORK/durable.lua" "$2" ;;
    *) run "$1" "http://127.0.0.1:${PORT[$1]}" "$WORK/$1.lua" "$2" ;;
  esac
}
ALL=(plain durable "${STAGES[@]}")
# the JIT settles within seconds where little runs, and only after a minute or more where the log,
# the read model and search run (the suite waits for it too: RESULTS.md, "The JIT keeps compiling")
echo "warming up (30 s each, 90 s for the stages that store) …"
for name in "${ALL[@]}"; do
  case $name in stored|full) measure "$name" 90 > /dev/null ;; *) measure "$name" 30 > /dev/null ;; esac
done
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order=("${ALL[@]}"); else order=($(printf '%s\n' "${ALL[@]}" | tac)); fi
  for name in "${order[@]}"; do echo "$r $name $(measure "$name" "$SECONDS_EACH")"; done
done | tee "$WORK/runs.txt"
python3 - "$WORK/runs.txt" "${ALL[@]}" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r, name, rate, us = line.split()
    runs[name].append((float(rate), float(us)))
med = {name: (statistics.median(x[0] for x in v), statistics.median(x[1] for x in v)) for name, v in runs.items()}
plain = med["plain"][0]
print(f"{'':8} {'requests/s':>11} {'of plain':>9} {'server µs':>10}")
for name in sys.argv[2:]:
    rate, us = med[name]
    print(f"{name:8} {rate:11,.0f} {100 * rate / plain:8.0f}% {us:10.1f}")
PY
