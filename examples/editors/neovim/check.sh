#!/bin/sh
# Opens a template with a missing value in headless Neovim with chartwright.lua and prints the
# diagnostics Chartwright published; exits non-zero when none arrive. Needs nvim and chartwright
# on PATH; run from the repository:
#   sh examples/editors/neovim/check.sh
set -e
command -v nvim >/dev/null 2>&1 || { echo "check.sh: nvim is not on PATH" >&2; exit 1; }
command -v chartwright >/dev/null 2>&1 || { echo "check.sh: chartwright is not on PATH (install it first: README, Install)" >&2; exit 1; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$here/../../hello" "$tmp/hello"
printf '{{ .Values.doesNotExist.at.all }}\n' > "$tmp/hello/templates/broken.yaml"
cd "$tmp"
CW_NVIM_DIR="$here" CW_FILE="$tmp/hello/templates/broken.yaml" nvim --headless -u NONE -c "luafile $here/check.lua"
