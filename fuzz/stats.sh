#!/bin/sh
# Print one FUZZING.md table row per fuzz log: target, seconds, executions, exec/s, corpus,
# result. Usage: fuzz/stats.sh fuzz/logs/*/fuzz-0.log
for log in "$@"; do
    target=$(basename "$(dirname "$log")")
    done_line=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
    execs=$(echo "$done_line" | sed -E 's/^#([0-9]+).*/\1/')
    rate=$(echo "$done_line" | sed -E 's/.*exec\/s: ([0-9]+).*/\1/')
    corp=$(echo "$done_line" | sed -E 's/.*corp: ([0-9]+)\/.*/\1/')
    secs=$(grep -E '^Done [0-9]+ runs in' "$log" | sed -E 's/.* in ([0-9]+) second.*/\1/')
    if grep -qE 'ERROR: libFuzzer|panicked|deadly signal|timeout after' "$log"; then
        result="CRASH: $(grep -m1 -E 'panicked|ERROR: libFuzzer' "$log")"
    else
        result="no crash"
    fi
    echo "| $target | ${secs:-?} | $execs | $rate | $corp | $result |"
done
