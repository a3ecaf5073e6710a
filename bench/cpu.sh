#!/bin/sh
# CPU time (task-clock: user+sys of all threads, ms) of `helm template` and `chartwright template`
# on the five largest corpus charts, interleaved, median of N runs each. Wall time is too noisy
# on a shared machine; CPU time is what a run costs whatever the load.
#   sh bench/cpu.sh [N]
N=${1:-5}
C=../shared/corpus/charts
HELM=${HELM4:-helm4}
tc() { perf stat -x, -e task-clock "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {printf "%.0f\n", $1}'; }
med() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "| chart | helm template CPU (ms) | chartwright CPU (ms) | ratio |"
echo "| --- | ---: | ---: | ---: |"
for ch in argo-cd datadog-operator bitnami-harbor argo-rollouts bitnami-airflow; do
  h=""; c=""
  for i in $(seq "$N"); do
    h="$h $(tc "$HELM" template "$C/$ch")"
    c="$c $(tc node bin/chartwright.js template "$C/$ch")"
  done
  hm=$(echo $h | tr ' ' '\n' | med); cm=$(echo $c | tr ' ' '\n' | med)
  echo "| $ch | $hm | $cm | $(awk -v a="$hm" -v b="$cm" 'BEGIN {printf "%.2fx", a/b}') |"
done
