#!/usr/bin/env bash
# Regenerates the README's import example: bash scripts/readme-imports.sh
set -u
folder=$(mktemp -d)
cd "$folder" || exit 1
export KITHKIN_DB=$folder/tour.db KITHKIN_TZ=Europe/Berlin KITHKIN_REGION=US COLUMNS=100
export KITHKIN_NOW=2026-11-23T09:00
K=${KITHKIN:-kithkin}
cat > Connections.csv <<'CSV'
Notes:
"When exporting your connection data, you may notice that some of the email addresses are missing."

First Name,Last Name,URL,Email Address,Company,Position,Connected On
Ana,Ruiz,https://www.linkedin.com/in/ana-ruiz-7b2a1c,,Stripe,Product Manager,09 Oct 2024
Priya,"Nair, MBA",https://www.linkedin.com/in/priya-nair,priya@example.com,"Smith, Jones & Partners",Principal,17 Sep 2024
,,,,,,03 Jul 2023
José,García,https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa-1a2b3c,,Fábrica Azul,Founder,12 Jan 2023
CSV
run() { printf '$ kithkin %s\n' "$*"; $K "$@"; echo; }
$K add "Ana Ruiz" --email ana@example.com --company Stripe >/dev/null
run import linkedin Connections.csv --dry-run
run import linkedin Connections.csv
run import linkedin Connections.csv
run duplicates
pair=$($K duplicates --json | python3 -c "import json,sys; p=json.load(sys.stdin)['pairs'][0]['people']; print(p[0]['id'][:8], p[1]['id'][:8])")
# shellcheck disable=SC2086
run merge $pair
run show ana
rm -rf "$folder"
