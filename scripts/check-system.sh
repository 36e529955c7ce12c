#!/usr/bin/env bash
# What `npm test` needs from the machine, checked in its first second: Node 20+, git, Chromium (the
# integration and UI tests drive the workbench), bubblewrap (the sandbox tests run real bwrap), and
# for installing code-server offline: ripgrep (given to @vscode/ripgrep), libkrb5-dev, make, g++ and
# python3 (its native modules). As root with apt-get (Debian, Ubuntu) the missing packages are
# installed; elsewhere the one command to run is printed and the check fails.
# Only shell builtins are used before a command is found, so a test can hide commands through PATH.
# Env: CHROMIUM_PATH (a Chromium elsewhere), TANDEM_GSSAPI_HEADERS (where libkrb5-dev's headers are
# looked for, default /usr/include; tests point it elsewhere).
set -uo pipefail

missing=()      # Debian package names
problems=()     # what cannot be installed with apt

if ! command -v node >/dev/null; then
  problems+=("Node.js 20 or newer is not installed (https://nodejs.org, or NodeSource's Debian packages)")
else
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)
  if [ -z "$major" ] || [ "$major" -lt 20 ] 2>/dev/null; then
    problems+=("Node.js ${major:-?} is too old: Tandem needs 20 or newer (https://nodejs.org)")
  fi
fi
command -v git >/dev/null || missing+=(git)
command -v rg >/dev/null || missing+=(ripgrep)
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || problems+=("CHROMIUM_PATH=$CHROMIUM_PATH is not an executable")
else
  command -v chromium >/dev/null || missing+=(chromium)
fi
command -v bwrap >/dev/null || missing+=(bubblewrap)
headers=${TANDEM_GSSAPI_HEADERS:-/usr/include}
[ -e "$headers/gssapi/gssapi.h" ] || [ -e "$headers/gssapi.h" ] || missing+=(libkrb5-dev)
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)

if [ ${#problems[@]} -gt 0 ]; then
  printf 'check-system: %s\n' "${problems[@]}" >&2
  [ ${#missing[@]} -eq 0 ] || echo "check-system: also missing: ${missing[*]} (apt-get install -y ${missing[*]})" >&2
  exit 1
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null && [ "$(id -u 2>/dev/null)" = 0 ]; then
  echo "check-system: installing ${missing[*]} with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  rc=$?
  [ $rc -eq 0 ] || echo "check-system: apt-get failed (exit $rc); install ${missing[*]} by hand" >&2
  exit $rc
fi
if command -v apt-get >/dev/null; then
  echo "check-system: npm test needs ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
else
  echo "check-system: npm test needs ${missing[*]} (Debian package names). On Debian or Ubuntu:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  echo "elsewhere install their equivalents with your package manager (chromium, ripgrep, bubblewrap are Linux-only for the sandbox tests)." >&2
fi
exit 1
