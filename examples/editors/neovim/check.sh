#!/bin/sh
# Opens a template with a missing value in headless Neovim with chartwright.lua and prints the
# diagnostics Chartwright published. Needs nvim and chartwright on PATH; run from the repository:
#   sh examples/editors/neovim/check.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
cp -r "$here/../../hello" "$tmp/hello"
printf '{{ .Values.doesNotExist.at.all }}\n' > "$tmp/hello/templates/broken.yaml"
cd "$tmp"
CW_NVIM_DIR="$here" CW_FILE="$tmp/hello/templates/broken.yaml" nvim --headless -u NONE -c "luafile $here/check.lua"
rm -rf "$tmp"
