#!/usr/bin/env bash
# Installs code-server 4.100.3 (a real VS Code 1.100.3: server + web workbench) into .vscode-test/,
# offline-capable: only the npm registry and Debian's packages are reached. Idempotent and quick when
# already installed. See ../shared/notes/offline-vscode-testing.md for why each step is needed.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=4.100.3
DEST=.vscode-test/code-server
BIN="$DEST/node_modules/code-server/out/node/entry.js"

if [ -f "$BIN" ] && grep -q "\"version\": \"$VERSION\"" "$DEST/node_modules/code-server/package.json" 2>/dev/null \
   && [ -f "$DEST/.installed" ]; then
  exit 0
fi

need_apt=()
[ -e /usr/include/gssapi/gssapi.h ] || [ -e /usr/include/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v rg >/dev/null || need_apt+=(ripgrep)
command -v make >/dev/null || need_apt+=(make)
command -v g++ >/dev/null || need_apt+=(g++)
command -v python3 >/dev/null || need_apt+=(python3)
command -v chromium >/dev/null || need_apt+=(chromium)   # headless browser for the tests and UI
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-code-server: please install these Debian packages first: ${need_apt[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# @vscode/ripgrep's postinstall downloads rg; give it Debian's rg as the cached asset it looks for.
tmp="${TMPDIR:-/tmp}"
cache="$tmp/vscode-ripgrep-cache-1.15.11"
asset="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$asset" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d)
  cp "$(command -v rg)" "$work/rg"
  tar -czf "$asset" -C "$work" rg
  rm -rf "$work"
fi

mkdir -p "$DEST"
[ -f "$DEST/package.json" ] || echo '{ "name": "tandem-code-server", "private": true }' > "$DEST/package.json"
echo "Installing code-server $VERSION into $DEST (about a minute)…"
(
  cd "$DEST"
  export npm_config_yes=true npm_config_unsafe_perm=true npm_config_update_notifier=false
  npm install --no-save --no-audit --no-fund --ignore-scripts=false --foreground-scripts=false \
    --dangerously-allow-all-scripts "code-server@$VERSION" 2>&1 | grep -v 'Unknown user config' | tail -5
)
test -f "$BIN" || { echo "install-code-server: code-server did not install" >&2; exit 1; }
# The postinstall builds native modules; npm 11's allowScripts policy would skip it silently, so
# check that they were built and load (the terminal's node-pty, the log's spdlog), and that it runs.
vsmods="$DEST/node_modules/code-server/lib/vscode/node_modules"
node -e 'for (const m of process.argv.slice(1)) require(m)' "$PWD/$vsmods/node-pty" "$PWD/$vsmods/@vscode/spdlog" \
  && node "$BIN" --version >/dev/null \
  || { echo "install-code-server: code-server's install scripts did not build it; see the npm output above" >&2; exit 1; }
touch "$DEST/.installed"
echo "code-server $VERSION installed."
