#!/usr/bin/env bash
# Writes a copy of the Playground's mock data with another mock person as currentUser, because the Playground has
# no user switcher: acting as someone else means restarting it with them as currentUser.
#   infra/playground/mock-as.sh <mock.yml> <"Full Name" | user-id-N | unique first name> <out.yml>
# The schema wants exactly 5 users besides currentUser, so the chosen person and the current one swap places.
# Team, channel and group chat ids stay the same (the bot's stored state keeps matching); the personal chat id
# becomes personal-chat-<user id>, so each person keeps their own 1:1 chat with the bot across restarts.
# Prints "<id><TAB><name><TAB><aadObjectId>" of the chosen person; unknown people: the list of who exists, exit 2.
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 <mock.yml> <name or user-id-N> <out.yml>" >&2; exit 64; }
src=$1; who=$2; out=$3

awk -v who="$who" -v out="$out" '
function field(line) { sub(/^[ -]*/, "", line); return line }            # "    name: X" -> "name: X"
function key(f) { return substr(f, 1, index(f, ":") - 1) }
function value(f) { v = substr(f, index(f, ":") + 1); sub(/^ +/, "", v); gsub(/^"|"$/, "", v); return v }
function lower(s) { return tolower(s) }
BEGIN { people = 0; state = "" }
{
  line = $0
  if (line ~ /^currentUser:/) { state = "current"; people = 1; n[0] = 0; lines[++L] = "@CURRENT"; next }
  if (line ~ /^users:/) { state = "users"; lines[++L] = "@USERS"; next }
  if (state == "current" && line ~ /^  [A-Za-z]/) { f[0, n[0]++] = field(line); next }
  if (state == "users" && line ~ /^  - /) { p = people++; n[p] = 0; f[p, n[p]++] = field(line); next }
  if (state == "users" && line ~ /^    [A-Za-z]/) { f[p, n[p]++] = field(line); next }
  state = ""
  lines[++L] = line
}
END {
  if (people != 6) { print "The mock file does not have a currentUser and 5 users." > "/dev/stderr"; exit 3 }
  chosen = -1; firstHits = 0
  for (i = 0; i < people; i++) {
    id = ""; name = ""; given = ""
    for (j = 0; j < n[i]; j++) {
      k = key(f[i, j])
      if (k == "id") id = value(f[i, j]); else if (k == "name") name = value(f[i, j]); else if (k == "givenName") given = value(f[i, j])
    }
    ids[i] = id; names[i] = name
    for (j = 0; j < n[i]; j++) if (key(f[i, j]) == "aadObjectId") aad[i] = value(f[i, j])
    if (lower(who) == lower(id) || lower(who) == lower(name)) chosen = i
    else if (lower(who) == lower(given)) { firstHits++; byFirst = i }
  }
  if (chosen < 0 && firstHits == 1) chosen = byFirst
  if (chosen < 0) {
    print "No mock person called \"" who "\". Choose one of:" > "/dev/stderr"
    for (i = 0; i < people; i++) print "  \"" names[i] "\"  (" ids[i] ")" > "/dev/stderr"
    exit 2
  }
  order[0] = chosen
  for (i = 1; i < people; i++) order[i] = (i == chosen) ? 0 : i
  printf "" > out
  for (l = 1; l <= L; l++) {
    if (lines[l] == "@CURRENT") {
      print "currentUser:" >> out
      for (j = 0; j < n[chosen]; j++) print "  " f[chosen, j] >> out
    } else if (lines[l] == "@USERS") {
      print "users:" >> out
      for (i = 1; i < people; i++)
        for (j = 0; j < n[order[i]]; j++) print (j == 0 ? "  - " : "    ") f[order[i], j] >> out
    } else if (lines[l] ~ /^personalChat:/) {
      print lines[l] >> out; pc = 1
    } else if (pc && lines[l] ~ /^  id:/) {
      print "  id: personal-chat-" ids[chosen] >> out; pc = 0
    } else print lines[l] >> out
  }
  print ids[chosen] "\t" names[chosen] "\t" aad[chosen]
}
' "$src"
