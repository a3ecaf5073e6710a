#!/usr/bin/env bash
# Lints and renders every chart under a folder (default: the current directory) with
# `chartwright`: `lint --format github` (annotations on the pull request at template lines), then
# `template` with the chart's own values and once per `ci/*.yaml` values file, as chart-testing
# does. Exits non-zero when any chart fails. Used by chartwright.yml beside it; runs locally too:
#   bash examples/github-actions/check-charts.sh path/to/charts
set -uo pipefail
top="${1:-.}"
# CHARTWRIGHT overrides the command (split on spaces, e.g. "node bin/chartwright.js").
read -r -a cw <<< "${CHARTWRIGHT:-chartwright}"
# One daemon for all the commands of this run (CI turns it off by default: CI is set), stopped at
# the end unless it was running before; CHARTWRIGHT_DAEMON=0 makes every command one-shot.
export CHARTWRIGHT_DAEMON="${CHARTWRIGHT_DAEMON:-1}"
if [ "$CHARTWRIGHT_DAEMON" != 0 ] && ! "${cw[@]}" daemon status > /dev/null 2>&1; then
  trap '"${cw[@]}" daemon stop > /dev/null 2>&1' EXIT
fi
failed=0
while IFS= read -r chartfile; do
  chart="$(dirname "$chartfile")"
  # Subcharts (PARENT/charts/NAME, PARENT having a Chart.yaml) are checked through their parent;
  # a repository's own charts/NAME folders are charts to check.
  parent="$(dirname "$chart")"
  if [ "$(basename "$parent")" = charts ] && [ -e "$(dirname "$parent")/Chart.yaml" ]; then continue; fi
  echo "::group::$chart"
  "${cw[@]}" lint "$chart" --format github || failed=1
  "${cw[@]}" template "$chart" > /dev/null || { echo "::error file=$chart/Chart.yaml::chartwright template failed"; failed=1; }
  for values in "$chart"/ci/*.yaml; do
    [ -e "$values" ] || continue
    "${cw[@]}" template "$chart" -f "$values" > /dev/null || { echo "::error file=$values::chartwright template failed with these values"; failed=1; }
  done
  echo "::endgroup::"
done < <(find "$top" -name Chart.yaml -not -path '*/node_modules/*' | sort)
exit "$failed"
