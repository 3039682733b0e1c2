#!/usr/bin/env bash
# Checks every card the C# builders produce with the official Adaptive Cards tools:
#   1. writes the cards' JSON (tests/.../Cards/AllCardsTests, via CARDS_OUT),
#   2. `validate`: official 1.5 schema (ajv) + the official `adaptivecards` renderer with the Teams host config,
#   3. plain-text-check.js: the hostile-input sample card renders as plain paragraphs with markdown-it,
#   4. `render`: PNGs as Teams draws them (headless Chromium), light and dark, to look at;
#   5. measure.cjs: the phone design rule's rendering measure (358 px, light and dark: height, cut button titles,
#      contrast), the same the tests run (tests/.../Cards/PhoneDesignRuleTests), with PNGs at phone width.
# The tools are copied from ../shared/tools/cards (read-only) into infra/cards/.tools; output goes to infra/cards/.out.
# Needs Node 20+ and, for rendering, Chromium (/usr/bin/chromium or CHROMIUM_PATH; `apt-get install -y chromium`).
# Usage: infra/cards/check.sh [--no-render]     Exit code 1 if any card fails validation or breaks the phone rule.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${SHARED_DIR:-$repo/../shared}"
tools="$here/.tools"
out="$here/.out"
render=true
[[ "${1:-}" == "--no-render" ]] && render=false

# The tools read the schemas from ../../schemas next to themselves, so the copy keeps that layout.
mkdir -p "$tools/tools/cards" "$tools/schemas"
if ! cmp -s "$shared/tools/cards/package-lock.json" "$tools/tools/cards/package-lock.json" \
    || [[ ! -d "$tools/tools/cards/node_modules" ]]; then
  rm -rf "$tools/tools/cards"
  mkdir -p "$tools/tools/cards"
  cp "$shared/tools/cards/"{package.json,package-lock.json,validate,render} "$tools/tools/cards/"
  chmod u+w "$tools/tools/cards/"*
  (cd "$tools/tools/cards" && npm ci --no-audit --no-fund --loglevel=error)
else
  cp -f "$shared/tools/cards/"{validate,render} "$tools/tools/cards/"
fi
cp -f "$shared/schemas/"teams-hostconfig-*.json "$tools/schemas/"
# Validate with the schema copy the C# tests use (byte-identical to shared/schemas; see cards/Schema/NOTICE.md).
cp -f "$repo/cards/Schema/adaptive-card-1.5.json" "$tools/schemas/"
chmod -R u+w "$tools/schemas" "$tools/tools/cards/validate" "$tools/tools/cards/render"

rm -rf "$out"
mkdir -p "$out/json"
echo "== writing cards to $out/json"
CARDS_OUT="$out/json" dotnet test "$repo/tests/TeamsSafeguarding.Tests" --nologo --verbosity quiet \
  --filter "FullyQualifiedName~TeamsSafeguarding.Tests.Cards.AllCardsTests.Every_card_is_written_for_the_official_tools"

echo "== validate"
status=0
"$tools/tools/cards/validate" "$out/json"/*.json || status=$?
echo "== CardText.Plain output through markdown-it"
NODE_PATH="$tools/tools/cards/node_modules" node "$here/plain-text-check.js" "$out/json/cardtext-nasty-inputs.json" || status=$?

if $render; then
  echo "== render (PNGs in $out/png and $out/png-dark)"
  "$tools/tools/cards/render" --out "$out/png" "$out/json"/*.json
  "$tools/tools/cards/render" --theme dark --out "$out/png-dark" "$out/json"/*.json

  echo "== phone rule at 358 px (PNGs in $out/phone/light and $out/phone/dark)"
  . "$repo/infra/node-tools.sh"
  root="$repo" node_tools "$here" "the card renderer"
  # The cards the bot sends (the model and CardText checks are not held to the rule): listed by the test that wrote them.
  mapfile -t phone_cards < <(sed "s|^|$out/json/|; s|\$|.json|" "$out/json/phone-rule-samples.txt")
  node "$here/measure.cjs" --width 358 --png "$out/phone" --out "$out/phone.json" "${phone_cards[@]}"
  node -e '
    const rows = require(process.argv[1]); let bad = 0;
    for (const r of rows) {
      const cut = r.buttons.filter((b) => b.truncated).map((b) => b.title);
      const low = r.lowContrast.map((c) => `${c.text} ${c.ratio}:1`);
      const over = r.height > 1500 || r.height < 0 || cut.length || low.length || r.buttons.length > 3;
      if (over) bad++;
      console.log(`${over ? "FAIL" : "ok  "} ${r.theme.padEnd(5)} ${String(r.height).padStart(5)} px ${r.buttons.length} button(s) ${r.name}` +
        (cut.length ? ` cut: ${cut.join(" | ")}` : "") + (low.length ? ` low contrast: ${low.join("; ")}` : ""));
    }
    process.exit(bad ? 1 : 0);' "$out/phone.json" || status=1
fi
exit $status
