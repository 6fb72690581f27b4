#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 for the test suite.
# Starts an installed cluster, or installs Debian's postgresql when we are root and can.
# Never fails: the test suite decides what a missing server means (a loud skip, or under CI a failure).
set -u
host=127.0.0.1 port=5432
ready() { pg_isready -q -h "$host" -p "$port" 2>/dev/null || python3 - <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(); s.settimeout(1)
sys.exit(0 if s.connect_ex(("127.0.0.1", 5432)) == 0 else 1)
PY
}
if ready; then echo "postgres: reachable on $host:$port"; exit 0; fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "postgres: not installed; installing Debian's postgresql"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
      || echo "postgres: install failed"
  else
    echo "postgres: not installed and cannot install it (not root or no apt-get)"
  fi
fi
if command -v pg_ctlcluster >/dev/null 2>&1; then
  for version in $(ls /etc/postgresql 2>/dev/null); do
    conf=/etc/postgresql/$version/main/pg_hba.conf
    # The tests connect as postgres over TCP without a password (as on the dev machines).
    if [ -f "$conf" ] && ! grep -q "kithkin-tests" "$conf"; then
      sed -i '1i host all all 127.0.0.1/32 trust # kithkin-tests\nhost all all ::1/128 trust # kithkin-tests' "$conf" 2>/dev/null || true
    fi
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 \
      || pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
  done
  for _ in $(seq 1 30); do ready && break; sleep 1; done
fi
if ready; then echo "postgres: started on $host:$port"; else echo "postgres: NOT available"; fi
exit 0
