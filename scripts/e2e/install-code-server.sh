#!/usr/bin/env bash
# Installs code-server (VS Code in the browser) into the git-ignored .cache/code-server/, pinned, once per machine.
# LLM_INFRA_LINT_CODE_SERVER_CACHE sets another folder (.ci/run uses one under $HOME, so fresh clones reuse it).
# Needs Debian's libkrb5-dev and ripgrep (see .ci/run). Prints the code-server directory on the last line.
# Requirements on Node 20 as root (see E2E.md): unsafe-perm for its postinstall, npx without prompts for node-pty's
# build, kerberos built from source, and @vscode/ripgrep's download served from a pre-seeded cache.
set -euo pipefail
VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PREFIX="${LLM_INFRA_LINT_CODE_SERVER_CACHE:-$ROOT/.cache/code-server}"
DIR="$PREFIX/node_modules/code-server"
MARKER="$PREFIX/.installed-$VERSION"

if [[ -f "$MARKER" && -f "$DIR/out/node/entry.js" ]]; then
  echo "code-server $VERSION already installed" >&2
  echo "$DIR"
  exit 0
fi

command -v rg >/dev/null || { echo "ripgrep (rg) is missing: apt-get install -y ripgrep" >&2; exit 1; }
[[ -e /usr/include/krb5.h || -e /usr/include/gssapi/gssapi.h ]] || { echo "libkrb5-dev is missing: apt-get install -y libkrb5-dev" >&2; exit 1; }

start=$(date +%s)
# Only what this script creates is removed: the folder may be shared (a per-machine cache).
rm -rf "$PREFIX/node_modules" "$PREFIX/tmp" "$PREFIX/package.json" "$PREFIX/package-lock.json" "$PREFIX"/.installed-*
mkdir -p "$PREFIX/tmp"
# @vscode/ripgrep 1.15.11 looks for its download in $TMPDIR/vscode-ripgrep-cache-1.15.11/ before fetching it from GitHub.
RG_CACHE="$PREFIX/tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RG_CACHE/stage"
cp "$(command -v rg)" "$RG_CACHE/stage/rg"
tar -C "$RG_CACHE/stage" -czf "$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg
rm -rf "$RG_CACHE/stage"

echo '{ "name": "code-server-cache", "private": true }' > "$PREFIX/package.json"
(
  cd "$PREFIX"
  TMPDIR="$PREFIX/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save --loglevel=error "code-server@$VERSION"
)
[[ -f "$DIR/out/node/entry.js" ]] || { echo "code-server install incomplete: $DIR/out/node/entry.js missing" >&2; exit 1; }
rm -rf "$PREFIX/tmp"
touch "$MARKER"
echo "code-server $VERSION installed in $(( $(date +%s) - start )) s" >&2
echo "$DIR"
