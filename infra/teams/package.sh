#!/usr/bin/env bash
# Builds the Teams app package (manifest.json + the two icons, zipped at the root) for upload to Teams.
#   infra/teams/package.sh [--env-file FILE] [--out DIR]    (--install-only: just install atk)
# FILE (default infra/teams/board.env; start from board.env.example) gives the values for the manifest's
# ${{PLACEHOLDERS}}; environment variables of the same names win over it. The Microsoft 365 Agents Toolkit CLI
# (atk, installed into infra/teams/node_modules on first use) fills them, validates the result against the official
# schema and Teams' own rules (offline), and zips it. Output: DIR (default .local/teams)/safeguarding-teams-app.zip and
# the filled manifest.json beside it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
env_file="$here/board.env"
out="$root/.local/teams"
install_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --env-file) env_file=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --install-only) install_only=1; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1 (try --help)" >&2; exit 64 ;;
  esac
done
command -v npm >/dev/null || { echo "Node.js 20+ with npm is required." >&2; exit 1; }

# atk is installed without its install scripts: its optional keytar (OS keychain, for sign-in) needs a native build
# that fails offline, and packaging never signs in.
. "$root/infra/node-tools.sh"
node_tools "$here" "the Microsoft 365 Agents Toolkit CLI (atk, about 450 MB, once)" --ignore-scripts
[ "$install_only" = 1 ] && exit 0

if [ ! -f "$env_file" ]; then
  echo "No values for the manifest: $env_file is missing. Copy infra/teams/board.env.example to infra/teams/board.env and fill it in." >&2
  exit 1
fi
env_file="$(cd "$(dirname "$env_file")" && pwd)/$(basename "$env_file")"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# atk swaps an app id that is not an RFC 4122 UUID for a random one (which would make every package a new app).
app_id="${TEAMS_APP_ID:-$(sed -n 's/^TEAMS_APP_ID=//p' "$env_file" | tr -d '\r"' | tail -n 1)}"
if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$ ]]; then
  echo "TEAMS_APP_ID '$app_id' is not a UUID such as \`uuidgen\` makes (version 4: xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx)." >&2
  exit 1
fi

# atk works on a project folder: the manifest and icons side by side, and an m365agents.yml naming its version.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/appPackage"
cp "$here/manifest.json" "$here/icons/color.png" "$here/icons/outline.png" "$work/appPackage/"
echo "version: v1.9" >"$work/m365agents.yml"

atk() { (cd "$work" && "$here/node_modules/.bin/atk" "$@" --interactive false --telemetry false); }
echo "Validating the manifest (schema and Teams' rules)..."
atk validate --manifest-file appPackage/manifest.json --env-file "$env_file"
zip="$out/safeguarding-teams-app.zip"
rm -f "$zip"
atk package --manifest-file appPackage/manifest.json --env-file "$env_file" \
  --output-package-file "$zip" --output-folder "$work/build" >/dev/null
# atk names the filled copy after the environment (manifest.<env>.json); there is only one.
cp "$work"/build/manifest.*.json "$out/manifest.json"
echo "Teams app package: $zip (filled manifest: $out/manifest.json)"
