#!/usr/bin/env bash
# Run a benchmark with this machine's CPU given to it over every other session's:
#   sudo bash benchmarks/quiet.sh python benchmarks/bench_page.py --apps OLD,.
# Linux shares CPU between sessions (autogroups) before nice values count, so renicing processes
# does nothing across sessions. This sets every existing autogroup's nice to 19, runs the command
# in a new session whose autogroup has nice -20, and sets them all back to 0 after. Needs root.
# Sessions started meanwhile (another user's new test server) still run at nice 0: quote ratios
# measured in one run, not single figures.
set -u
for p in $(ps -e -o pid=); do { echo 19 > "/proc/$p/autogroup"; } 2>/dev/null; done
setsid bash -c 'echo -20 > /proc/self/autogroup; exec "$@"' _ "$@"
rc=$?
for p in $(ps -e -o pid=); do { echo 0 > "/proc/$p/autogroup"; } 2>/dev/null; done
exit $rc
