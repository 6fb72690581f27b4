#!/usr/bin/env bash
# Regenerates the tour in the README: bash scripts/readme-tour.sh (on an empty TOUR_DB).
set -u
rm -f "${TOUR_DB:-/tmp/kithkin-tour.db}"*
export KITHKIN_DB=${TOUR_DB:-/tmp/kithkin-tour.db} KITHKIN_TZ=Europe/Berlin KITHKIN_REGION=US COLUMNS=100
K=${KITHKIN:-kithkin}
run() { printf '$ kithkin'; for a in "$@"; do case "$a" in *" "*|*";"*|*"'"*) printf ' "%s"' "$a";; *) printf ' %s' "$a";; esac; done; echo; $K "$@"; echo; }
export KITHKIN_NOW=2026-10-12T09:00
run add "Ana Ruiz" --email ana@example.com --phone "+1 415 555 0134" --company Stripe --title "Product Manager" --circle key --mode professional --tag fintech --interest climbing --met-at "PyCon 2024"
$K add "Ben Okafor" --circle inner --mode personal --birthday 1990-11-26 --interest "jazz" >/dev/null
$K add "Chen Wei" --email chen@globex.example --company Globex --title CTO --circle network --mode professional >/dev/null
$K add "Dana Levi" --circle key --mode both --company Acme --title "Head of Sales" >/dev/null
export KITHKIN_NOW=2026-11-16T18:30
run log ana -m "Coffee: her team is hiring a data PM; I said I'd send two names" --channel in-person --purpose networking --minutes 45 --follow-up "friday: send Ana two candidates"
export KITHKIN_NOW=2026-11-17T20:00
run log ben -m "Dinner and a jazz set at the Blue Room" --channel in-person --purpose social --minutes 150
export KITHKIN_NOW=2026-11-18T11:00
run log chen -m "Asked for an intro to their VP Engineering" --channel email --purpose networking --asked "intro:VP Engineering"
$K log --activity post-engagement -m "Commented on Chen's post about platform teams" >/dev/null
$K log --activity post-engagement -m "Shared thoughts on a fintech regulation thread" >/dev/null
export KITHKIN_NOW=2026-11-19T19:00
$K log dana -m "Drinks; she is thinking about leaving Acme, we talked about her options" --channel in-person --purpose both --minutes 90 >/dev/null
$K log chen -m "Sent him our platform-team write-up" --channel email --purpose networking --gave "resource:platform write-up" >/dev/null
export KITHKIN_NOW=2026-11-22T19:00
run goals
run balance --weeks 3
run review
export KITHKIN_NOW=2026-11-23T08:30
run today
run people
run show ana
run done follow-up:1
run ledger
run search hiring
