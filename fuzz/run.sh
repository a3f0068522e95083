#!/bin/sh
# Run one fuzz target for SECONDS (default 600) on the stable toolchain, single job, niced.
# Usage: fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags]
# The libFuzzer log goes to fuzz/logs/TARGET/fuzz-0.log (each target in its own folder, so
# two runs side by side do not share a log file).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=$1
secs=${2:-600}
shift; [ $# -gt 0 ] && shift
mkdir -p "$here/logs/$target"
cd "$here/logs/$target"
RUSTC_BOOTSTRAP=1 exec nice -n 10 cargo fuzz run --fuzz-dir "$here" -O "$target" -- \
    -jobs=1 -max_total_time="$secs" -timeout=10 -max_len=8192 "$@"
