#!/usr/bin/env bash
# Installs, builds, and opens VS Code with Tandem loaded on the sample workspace.
# Desktop VS Code (`code` on PATH) is used when present; otherwise code-server — a real VS Code in
# the browser — is installed locally and served on http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund
node esbuild.config.mjs
# A copy of the sample workspace, so trying Tandem out never edits the committed fixture.
workspace="$PWD/.vscode-test/dev/workspace"
[ -d "$workspace" ] || { mkdir -p "$(dirname "$workspace")" && cp -r test/fixtures/workspace "$workspace"; }

if command -v code >/dev/null 2>&1 && [ -z "${TANDEM_USE_CODE_SERVER:-}" ]; then
  exec code --extensionDevelopmentPath="$PWD" "$workspace"
fi

bash scripts/install-code-server.sh
port=${PORT:-8080}
state="$PWD/.vscode-test/dev"
mkdir -p "$state/user-data/User" "$state/extensions"
[ -f "$state/user-data/User/settings.json" ] || echo '{ "workbench.startupEditor": "none" }' > "$state/user-data/User/settings.json"
payload=$(node -e 'console.log(encodeURIComponent(JSON.stringify([["extensionDevelopmentPath", `vscode-remote://127.0.0.1:${process.argv[1]}${process.argv[2]}`]])))' "$port" "$PWD")
echo
echo "Open this address in a browser (Ctrl+C here stops VS Code):"
echo "  http://127.0.0.1:$port/?folder=$workspace&payload=$payload"
echo
exec node .vscode-test/code-server/node_modules/code-server/out/node/entry.js \
  --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --user-data-dir "$state/user-data" --extensions-dir "$state/extensions" --config "$state/config.yaml"
