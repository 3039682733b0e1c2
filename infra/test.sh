#!/usr/bin/env bash
# The one test command: installs what it needs, builds, runs every test (the tests start Azurite and the
# Agents Playground themselves), and ends with a line "Tests: N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "The .NET SDK (10.x) is required: https://dot.net" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ with npm is required." >&2; exit 1; }

# Local tools (Azurite, Agents Playground) live in infra/node_modules, atk and the Teams manifest schemas in
# infra/teams/node_modules; each is reinstalled when its lock file changes.
. infra/node-tools.sh
node_tools "$root/infra" "the local tools (Azurite, Agents Playground)"
# The card renderer the phone design rule test draws every card with, in headless Chromium (Debian's; with Noto Sans,
# the font the measured heights assume in place of Teams' Segoe UI).
node_tools "$root/infra/cards" "the card renderer"
if [ -z "${CHROMIUM_PATH:-}" ] && { [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/noto ]; }; then
  as_root=""
  [ "$(id -u)" = 0 ] || { sudo -n true 2>/dev/null && as_root="sudo -n"; }
  if { [ "$(id -u)" = 0 ] || [ -n "$as_root" ]; } && command -v apt-get >/dev/null; then
    echo "Installing Chromium and Noto fonts (apt-get) for the card rendering tests..."
    $as_root apt-get update -qq && $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null
  else
    echo "The card rendering tests need Chromium: apt-get install -y chromium fonts-noto-core (or set CHROMIUM_PATH)." >&2
    exit 1
  fi
fi
infra/teams/package.sh --install-only

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore TeamsSafeguarding.sln --nologo -v quiet
dotnet build TeamsSafeguarding.sln -c Release --no-restore --nologo -v quiet -clp:ErrorsOnly

results="$root/.local/test-results"
rm -rf "$results"
set +e
dotnet test TeamsSafeguarding.sln -c Release --no-build --nologo \
  --logger "trx;LogFileName=results.trx" --results-directory "$results" -- RunConfiguration.TestSessionTimeout=1800000
status=$?
set -e

trx="$(find "$results" -name '*.trx' | head -n 1)"
if [ -z "$trx" ]; then echo "No test results were written." >&2; exit 1; fi
counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
count() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
total=$(count total); passed=$(count passed); failed=$(count failed)
skipped=$(( ${total:-0} - ${passed:-0} - ${failed:-0} ))
echo "Tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped} skipped"
if [ "${total:-0}" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
exit $status
