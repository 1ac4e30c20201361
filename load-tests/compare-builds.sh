#!/usr/bin/env bash
# Two builds of Deling side by side under wrk, for a change too small for this machine's noise.
#
#   load-tests/compare-builds.sh BEFORE.jar AFTER.jar [rounds=8] [seconds=5]
#
# BEFORE_ENV / AFTER_ENV add environment variables to one server ("NAME=value ..."), to compare one
# build with a setting on and off (AFTER_ENV="DELING_STREAM_RETENTION=1000" compare-builds.sh A.jar A.jar).
#
# Restarting a server between builds measured the same build at 8.5k and 17.8k posts/s a few
# minutes apart. Here both run at once (ports 8090 and 8092, fresh data directories, the README's
# jvm.options, the same JWT secret), the idle one costing almost nothing, and short wrk runs
# alternate between them, the order reversed every round. Each run prints: round, build, load,
# posts/s, server CPU µs per post. The medians at the end are the figures to compare.
# Needs wrk (apt-get install wrk), curl and python3; run it from the repository's root.
set -euo pipefail
BEFORE=${1:?usage: compare-builds.sh BEFORE.jar AFTER.jar [rounds] [seconds]}
AFTER=${2:?usage: compare-builds.sh BEFORE.jar AFTER.jar [rounds] [seconds]}
ROUNDS=${3:-8}
SECONDS_EACH=${4:-5}
WORK=$(mktemp -d -t deling-compare-XXXXXX)
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT

start() { # jar port [env]
  mkdir -p "$WORK/data-$2"
  env ${3:-} DELING_JWT_SECRET=compare-builds-0123456789-abcdefghijkl DELING_DEV_LOGIN=true DELING_HTTP_PORT=$2 DELING_WRITE_RATE=0 \
    DELING_DATA_DIR="$WORK/data-$2" java @jvm.options -jar "$1" > "$WORK/server-$2.log" 2>&1 &
  PIDS+=($!)
  echo $! > "$WORK/pid-$2"
}
start "$BEFORE" 8090 "${BEFORE_ENV:-}"
start "$AFTER" 8092 "${AFTER_ENV:-}"
for port in 8090 8092; do
  for _ in $(seq 1 120); do curl -sf "localhost:$port/health/ready" > /dev/null && break; sleep 0.5; done
  curl -sf "localhost:$port/health/ready" > /dev/null || { echo "the server on $port did not start:"; tail -20 "$WORK/server-$port.log"; exit 1; }
done

login() { # port user name department -> token
  curl -sf -X POST "localhost:$1/api/dev/login" -H 'Content-Type: application/json' \
    -d "{\"user\":\"$2\",\"name\":\"$3\",\"department\":\"$4\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
# the same people on both servers: a bot, and 32 colleagues who all follow each other
for port in 8090 8092; do
  BOT=$(login $port bot Bot Ops)
  TOKENS=()
  for k in $(seq 1 32); do TOKENS[$k]=$(login $port "u$k" "User $k" "D$((k % 4))"); done
  for k in $(seq 1 32); do
    for j in $(seq 1 32); do
      [ "$k" = "$j" ] || curl -sf -o /dev/null -X PUT "localhost:$port/api/me/following/users/u$j" -H "Authorization: Bearer ${TOKENS[$k]}"
    done
  done
done
script() { # file token...
  local file=$1; shift
  { printf 'local toks={'; for t in "$@"; do printf '"%s",' "$t"; done; echo '}'
    cat <<'LUA'
local reqs={}
local i=0
init=function(args)
  for k=1,1024 do
    reqs[k]=wrk.format("POST","/api/posts",{["Content-Type"]="application/json",["Authorization"]="Bearer "..toks[(k%#toks)+1]},
      '{"text":"Post number '..k..' about #kotlin and shipping things"}')
  end
end
request=function()
  i=i+1
  return reqs[(i%1024)+1]
end
LUA
  } > "$file"
}
script "$WORK/one.lua" "$BOT"
script "$WORK/many.lua" "${TOKENS[@]}"

run() { # port script seconds -> "posts/s µs-per-post"
  local pid s0 s1 n
  pid=$(cat "$WORK/pid-$1")
  s0=$(awk '{print $14+$15}' "/proc/$pid/stat")
  wrk -t2 -c64 -d"$3"s -s "$2" "http://localhost:$1" > "$WORK/wrk.txt"
  s1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  n=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  grep -q "Non-2xx" "$WORK/wrk.txt" && { echo "errors from $1:"; cat "$WORK/wrk.txt"; exit 1; }
  awk -v s0="$s0" -v s1="$s1" -v n="$n" -v tick="$(getconf CLK_TCK)" '/Requests\/sec/ {printf "%.0f %.1f\n", $2, (s1-s0)*1e6/tick/n}' "$WORK/wrk.txt"
}
echo "warming both up (40 s each) …"
for port in 8090 8092; do run $port "$WORK/one.lua" 20 > /dev/null; run $port "$WORK/many.lua" 20 > /dev/null; done
for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 1 ]; then order="8090 8092"; else order="8092 8090"; fi
  for load in one many; do
    for port in $order; do
      name=$([ $port = 8090 ] && echo before || echo after)
      echo "$r $name $load $(run $port "$WORK/$load.lua" "$SECONDS_EACH")"
    done
  done
done | tee "$WORK/runs.txt"
python3 - "$WORK/runs.txt" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    r, name, load, rate, us = line.split()
    runs[(load, name)].append((float(rate), float(us)))
for (load, name), v in sorted(runs.items()):
    print(f"{load:4} {name:6} median {statistics.median(x[0] for x in v):8,.0f} posts/s, "
          f"{statistics.median(x[1] for x in v):6.1f} µs of server CPU per post")
PY
