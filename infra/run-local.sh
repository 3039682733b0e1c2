#!/usr/bin/env bash
# The one run command: Azurite (data in .local/azurite), the bot on :3978 (Development, unauthenticated),
# and the Microsoft 365 Agents Playground in Teams mode pointed at it. Ctrl+C stops all three.
#   infra/run-local.sh [--as "Megan Bowen" | --as user-id-1]
# The Playground has no user switcher: every message comes from its currentUser. --as restarts the whole thing
# acting as another mock person (infra/playground/mock.yml); the bot's state in Azurite is kept between runs, and the
# previous run's logs move to .local/logs/earlier/.
# Ports: BOT_PORT (3978), AZURITE_PORT (10002), PLAYGROUND_PORT (56150), e.g. BOT_PORT=3979 infra/run-local.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Ports can be moved (e.g. a second checkout running at the same time): BOT_PORT=3979 AZURITE_PORT=10012 PLAYGROUND_PORT=56151.
BOT_PORT="${BOT_PORT:-3978}"; AZURITE_PORT="${AZURITE_PORT:-10002}"; PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"

acting_as="Alex Wilber"
while [ $# -gt 0 ]; do
  case "$1" in
    --as) if [ $# -lt 2 ] || [ -z "$2" ]; then echo "--as needs a mock person's name or id, e.g. --as \"Megan Bowen\"." >&2; exit 64; fi
          acting_as=$2; shift 2 ;;
    --as=*) acting_as=${1#--as=}; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "Unknown option: $1 (try --as \"Megan Bowen\")" >&2; exit 64 ;;
  esac
done

# The Playground's mock data with the chosen person as currentUser (git-ignored; same team and channel ids).
mkdir -p .local/playground
mock=.local/playground/mock.yml
person=$(infra/playground/mock-as.sh infra/playground/mock.yml "$acting_as" "$mock") || exit 1
IFS=$'\t' read -r person_id person_name person_aad <<<"$person"
person_roles=$(node infra/playground/board-roles.cjs bot/appsettings.Development.json "$person_aad" 2>/dev/null || true)
echo "Acting as $person_name ($person_id)${person_roles:+: $person_roles}."

command -v dotnet >/dev/null || { echo "The .NET SDK (10.x) is required: https://dot.net" >&2; exit 1; }
command -v npm >/dev/null || { echo "Node.js 20+ with npm is required." >&2; exit 1; }
for setting in BOT_PORT AZURITE_PORT PLAYGROUND_PORT; do
  port=${!setting}
  if (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
    echo "Port $port ($setting) is already in use. Stop whatever uses it (an earlier run?), or pick another port:" >&2
    echo "  $setting=<free port> infra/run-local.sh" >&2
    exit 1
  fi
done

. infra/node-tools.sh
node_tools "$root/infra" "the local tools (Azurite, Agents Playground)"
mkdir -p .local/azurite .local/logs
# Keep the previous run's logs (e.g. the person before an --as restart): the last 10 runs, newest last.
if compgen -G ".local/logs/*.log" >/dev/null; then
  earlier=".local/logs/earlier/$(date +%Y%m%d-%H%M%S)"
  mkdir -p "$earlier" && mv .local/logs/*.log "$earlier/"
  ls -1d .local/logs/earlier/*/ | head -n -10 | xargs -r rm -rf
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo; echo "Stopping..."
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

wait_for() { # url name seconds [pid log]: ends early when it answers, or when the process has exited
  for _ in $(seq 1 "$3"); do
    curl -fs "$1" >/dev/null 2>&1 && return 0
    if [ -n "${4:-}" ] && ! kill -0 "$4" 2>/dev/null; then
      echo "$2 stopped while starting. The end of ${5}:" >&2; tail -n 20 "$5" >&2; exit 1
    fi
    sleep 1
  done
  echo "$2 did not answer within $3 s; see .local/logs/." >&2; exit 1
}

set -m # each background job in its own process group, so stop() can end its children too
infra/node_modules/.bin/azurite-table --location .local/azurite --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" \
  --skipApiVersionCheck --disableTelemetry >.local/logs/azurite.log 2>&1 &
pids+=($!)

# The first build takes a few minutes on a small machine: build in the foreground, showing progress, then start.
echo "Building the bot..."
if ! dotnet build bot --nologo -v minimal 2>&1 | tee .local/logs/build.log; then
  echo "The build failed; see above (also in .local/logs/build.log)." >&2; exit 1
fi

# Azurite's well-known development account; only the port differs from bot/appsettings.Development.json.
ASPNETCORE_ENVIRONMENT=Development \
Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;" \
Meetings__PublicBaseUrl="http://127.0.0.1:$BOT_PORT" \
  dotnet run --project bot --no-build --no-launch-profile --urls "http://127.0.0.1:$BOT_PORT" \
  >.local/logs/bot.log 2>&1 &
bot_pid=$!
pids+=("$bot_pid")
echo "Starting the bot..."
wait_for "http://127.0.0.1:$BOT_PORT/healthz" "The bot" 120 "$bot_pid" .local/logs/bot.log

TEAMSAPPTESTER_BROWSER=none M365_AGENTS_PLAYGROUND_CONFIG_PATH="$root/$mock" \
  infra/node_modules/.bin/agentsplayground start -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams \
  -p "$PLAYGROUND_PORT" --disable-telemetry >.local/logs/playground.log 2>&1 &
pids+=($!)
wait_for "http://localhost:$PLAYGROUND_PORT/_debug/ping" "The Agents Playground" 60 "$!" .local/logs/playground.log

cat <<MSG

  TeamsSafeguarding is running locally.
    Agents Playground (open in a browser): http://localhost:$PLAYGROUND_PORT
    Acting as: $person_name ($person_id)${person_roles:+, $person_roles}
      (to act as someone else: Ctrl+C, then infra/run-local.sh --as "<name>"; the bot's data is kept)
    Bot:      http://127.0.0.1:$BOT_PORT/api/messages   (health: /healthz)
    Azurite:  http://127.0.0.1:$AZURITE_PORT  (data in .local/azurite)
    Logs:     .local/logs/  (earlier runs in .local/logs/earlier/)
  In a channel, @mention the bot with the Playground's mention picker (type @ and choose it); typed text alone is
  not a mention. Reloading the Playground page loses its messages (the bot's data stays).
  Press Ctrl+C to stop everything.

MSG
wait
