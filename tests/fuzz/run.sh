#!/usr/bin/env bash
# Builds the loader fuzz target (clang-14, libFuzzer, ASan+UBSan; a separate small build)
# and runs it: first every seed and reproducer once, then a bounded fuzzing run from them.
# A sanitizer finding, a crash, a leak or a slow input (> 10 s) fails the script.
#
#   tests/fuzz/run.sh                       # 60 s of fuzzing (what .ci/run does)
#   WIJKSIM_FUZZ_SECONDS=600 tests/fuzz/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

build=${WIJKSIM_FUZZ_BUILD:-build-fuzz}
seconds=${WIJKSIM_FUZZ_SECONDS:-60}
started=$(date +%s)

cmake -S tests/fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 > /dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_loaders
built=$(date +%s)

# Seeds: every shipped scenario and experiment, the malformed suite and every reproducer
# (tests/hostile), copied flat (libFuzzer reads every file of a corpus folder).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seeds" "$work/corpus"
n=0
while IFS= read -r -d '' f; do
  cp "$f" "$work/seeds/$(printf '%04d' "$n")-$(basename "$f")"
  n=$((n + 1))
done < <(find scenarios tests/hostile tests/scenarios/malformed -name '*.yaml' -print0 | sort -z)
echo "fuzz: $n seed files"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# 1. The reproducer corpus: each input once.
"$build/fuzz_loaders" -runs=0 -timeout=10 -rss_limit_mb=2048 "$work/seeds" 2> "$work/replay.log" || {
  cat "$work/replay.log" >&2
  exit 1
}
# 2. A bounded run; new inputs go to the scratch corpus (the seeds stay as they are).
"$build/fuzz_loaders" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$build/" "$work/corpus" "$work/seeds" 2> "$work/fuzz.log" || {
  tail -60 "$work/fuzz.log" >&2
  echo "fuzz: FINDING (the input is in $build/crash-*, timeout-*, leak-* or oom-*)" >&2
  exit 1
}
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
finished=$(date +%s)
echo "fuzz: no finding; $n reproducers/seeds replayed, ${execs:-?} inputs executed in ${seconds} s;" \
  "build $((built - started)) s, total $((finished - started)) s"
