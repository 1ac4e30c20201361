#!/usr/bin/env bash
# Where a running server's threads spent a load: CPU, time waiting for a CPU, and sleeps.
#
#   load-tests/thread-time.sh PID COMMAND...
#   load-tests/thread-time.sh "$(pgrep -f deling.jar)" wrk -t2 -c64 -d20s -s one.lua http://localhost:8080/api/posts
#
# Runs COMMAND (the load) and reads /proc for the JVM with PID before and after it. For each kind of
# thread (names with their numbers dropped, so the event loops or GC threads add up), it prints:
#   - run: CPU time, as a share of one core over the load's wall time;
#   - wait: time runnable but waiting for a CPU (the kernel's schedstat);
#   - sleeps/s: voluntary context switches (it blocked: epoll, a lock, a queue, an fsync).
# With wrk's "N requests in" line in COMMAND's output, also CPU µs and sleeps per request. Then
# the whole machine's user, system, softirq, idle and iowait over the same time.
#
# Why: on 2 cores under wrk a post cost about 90 µs of server CPU, while 10% of the machine idled.
# The split below showed which thread the others wait for (a busy event loop that was runnable 83%
# of the time and almost never slept) and which ones queue for a CPU as long as they run (the log's
# writer, its flusher and the projection): see load-tests/RESULTS.md, 2026-12-05, night.
# Linux only (reads /proc/PID/task/*/{stat,schedstat,status}); needs python3.
set -euo pipefail
PID=${1:?usage: thread-time.sh PID COMMAND...}
shift
[ $# -gt 0 ] || { echo "usage: thread-time.sh PID COMMAND..." >&2; exit 2; }
[ -d "/proc/$PID/task" ] || { echo "no process $PID" >&2; exit 1; }
WORK=$(mktemp -d -t deling-threads-XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# one line per thread: run_ns wait_ns voluntary_switches name
sample() {
  for t in /proc/"$PID"/task/*; do
    {
      read -r run wait _ < "$t/schedstat"
      vol=$(awk '/^voluntary_ctxt_switches/ {print $2}' "$t/status")
      echo "$run $wait $vol $(cat "$t/comm")"
    } 2>/dev/null || true # a thread that ended meanwhile
  done
}

sample > "$WORK/before"
head -1 /proc/stat > "$WORK/cpu-before"
start=$(date +%s%N)
"$@" | tee "$WORK/load"
end=$(date +%s%N)
sample > "$WORK/after"
head -1 /proc/stat > "$WORK/cpu-after"

python3 - "$WORK" "$((end - start))" <<'PY'
import collections, re, sys
work, wall_ns = sys.argv[1], int(sys.argv[2])

def threads(path):
    kinds = collections.defaultdict(lambda: [0, 0, 0])
    for line in open(path):
        parts = line.rstrip('\n').split(' ', 3)
        if len(parts) < 4 or not all(p.isdigit() for p in parts[:3]):
            continue  # a thread that ended while it was read
        kind = re.sub(r'[-#]?\d+$', '', parts[3]).strip() or parts[3]
        for i in range(3):
            kinds[kind][i] += int(parts[i])
    return kinds

before, after = threads(f'{work}/before'), threads(f'{work}/after')
requests = None
m = re.search(r'(\d+) requests in', open(f'{work}/load', errors='replace').read())
if m:
    requests = int(m.group(1))
rows = []
for kind, a in after.items():
    b = before.get(kind, [0, 0, 0])
    run, wait, sleeps = (a[i] - b[i] for i in range(3))
    if run <= 0 and wait <= 0:
        continue
    rows.append((run, kind, wait, sleeps))
rows.sort(reverse=True)
print()
print(f"{'thread':<28}{'run':>7}{'wait':>7}{'sleeps/s':>10}" + (f"{'µs/req':>9}{'sleeps/req':>12}" if requests else ''))
for run, kind, wait, sleeps in rows[:16]:
    line = f"{kind:<28}{100 * run / wall_ns:6.1f}%{100 * wait / wall_ns:6.1f}%{sleeps / (wall_ns / 1e9):10.0f}"
    if requests:
        line += f"{run / 1e3 / requests:9.1f}{sleeps / requests:12.3f}"
    print(line)
total_run = sum(r[0] for r in rows)
print(f"{'all threads':<28}{100 * total_run / wall_ns:6.1f}%" + (f"{'':>17}{total_run / 1e3 / requests:9.1f}" if requests else ''))
(c0,), (c1,) = open(f'{work}/cpu-before').readlines(), open(f'{work}/cpu-after').readlines()
d = [int(y) - int(x) for x, y in zip(c0.split()[1:], c1.split()[1:])]
total = sum(d) or 1
print(f"machine: user {100 * (d[0] + d[1]) / total:.1f}%, system {100 * d[2] / total:.1f}%, softirq {100 * d[6] / total:.1f}%,"
      f" idle {100 * d[3] / total:.1f}%, iowait {100 * d[4] / total:.1f}%")
PY
