#!/usr/bin/env bash
# `wijksim bench` of two builds interleaved, one repeat of each at a time, with the numpy
# version of households-ref (../shared/peers/numpy_households.py) run between them: on a
# shared or loaded machine all three see the same load, so their ratios mean something even
# when the absolute figures do not. Prints one line per repeat and the medians.
#
#   benchmarks/compare_binaries.sh OLD_WIJKSIM NEW_WIJKSIM [SCENARIO] [--threads N] [--households N] [--weeks N] [--repeat R]
#
# SCENARIO defaults to the embedded default city. Needs python3 with numpy for the peer
# (skipped with a note when the peer file is missing).
set -euo pipefail
old=${1:?usage: compare_binaries.sh OLD NEW [SCENARIO] [--threads N] [--households N] [--weeks N] [--repeat R]}
new=${2:?usage: compare_binaries.sh OLD NEW [SCENARIO] [...]}
shift 2
scenario=()
if [[ $# -gt 0 && "$1" != --* ]]; then scenario=("$1"); shift; fi
threads=1 households=1000000 weeks=52 repeat=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --households) households=$2; shift 2 ;;
    --weeks) weeks=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    *) echo "compare_binaries.sh: unknown option '$1' (expected --threads, --households, --weeks, --repeat)" >&2; exit 2 ;;
  esac
done
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
peer="$here/../../shared/peers/numpy_households.py"
one() {  # one repeat of `wijksim bench`, its household-steps/s
  "$1" bench "${scenario[@]}" --households "$households" --weeks "$weeks" --threads "$threads" --repeat 1 --json |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["median_steps_per_second"])'
}
olds=() news=() peers=()
for ((r = 1; r <= repeat; ++r)); do
  o=$(one "$old")
  p=nan
  if [[ -f "$peer" ]]; then
    p=$(/usr/bin/python3 "$peer" "$households" "$weeks" 1 | sed -n 's/^household_steps_per_s=//p')
  fi
  n=$(one "$new")
  printf 'repeat %d: old %.4g  new %.4g  numpy households-ref %.4g\n' "$r" "$o" "$n" "$p"
  olds+=("$o") news+=("$n") peers+=("$p")
done
/usr/bin/python3 - "${olds[*]}" "${news[*]}" "${peers[*]}" <<'PY'
import statistics, sys
old, new, peer = ([float(x) for x in a.split()] for a in sys.argv[1:4])
mo, mn, mp = statistics.median(old), statistics.median(new), statistics.median(peer)
print(f"median: old {mo:.4g}  new {mn:.4g} ({mn / mo:.2f}x old)  numpy households-ref {mp:.4g} (new {mn / mp:.1f}x numpy)")
PY
