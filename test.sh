#!/usr/bin/env bash
# Runs every test of Tianmu: formatting, a warnings-as-errors build, all test projects against
# SQLite and then against a throw-away PostgreSQL cluster, and the browser tests in Chromium.
# Installs what it needs on Debian when run as root; with CI=true a missing component is fatal.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

say() { echo "test.sh: $*"; }
die() { echo "test.sh: $*" >&2; exit 1; }

command -v dotnet >/dev/null || die "the .NET 10 SDK is required and is not on PATH."

# 1. System prerequisites: PostgreSQL server, Chromium (browser tests, document PDFs), CJK fonts, ffmpeg (camera snapshots), xorriso (evidence disc images), npm (ECharts for the build), poppler-utils (PDF text in tests), aiosmtpd (a local SMTP server for the e-mail tests).
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)  # no grep -q: with pipefail its early exit fails fc-list
command -v python3 >/dev/null || missing+=(python3)
[ -x /usr/bin/ffmpeg ] || missing+=(ffmpeg)
command -v xorriso >/dev/null || missing+=(xorriso)  # evidence discs: ISO images written and read back
command -v npm >/dev/null || missing+=(npm)  # the build fetches ECharts from the npm registry
command -v pdftotext >/dev/null || missing+=(poppler-utils)  # document tests read the issued PDFs' text
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)  # e-mail tests deliver to a local SMTP server
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run as root."
  fi
fi

# 2. A throw-away PostgreSQL cluster on a free local port, removed on exit.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDIR=$(mktemp -d /tmp/tianmu-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = "0" ] && chown postgres "$PGDIR"
cleanup() { as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"; }
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
  -o "-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=300" start >/dev/null \
  || { cat "$PGDIR/server.log" >&2; die "PostgreSQL did not start."; }
export TIANMU_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Timeout=30"
say "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') running on port $PGPORT"

# 3. Format and build; warnings are errors (Directory.Build.props).
say "restoring packages ..."
dotnet restore Tianmu.slnx --nologo -v quiet
say "checking formatting ..."
dotnet format Tianmu.slnx --verify-no-changes || die "dotnet format found changes; run 'dotnet format Tianmu.slnx'."
say "building ..."
dotnet build Tianmu.slnx -c Release --nologo -v quiet

# 4. Every test project, once per database provider.
export CI="${CI:-false}"
rm -rf "$ROOT/TestResults"
status=0
for provider in sqlite postgres; do
  say "running all tests against $provider ..."
  TIANMU_TEST_PROVIDER=$provider dotnet test Tianmu.slnx -c Release --no-build --nologo \
    --logger "trx;LogFilePrefix=$provider" --results-directory "$ROOT/TestResults/$provider" || status=1
done

# 5. One closing line over both runs.
python3 - "$ROOT/TestResults" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns).attrib
    passed += int(c["passed"]); failed += int(c["failed"]) + int(c["error"]) + int(c["timeout"]); skipped += int(c["notExecuted"])
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
