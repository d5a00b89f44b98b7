#!/usr/bin/env bash
# Builds and starts Tianmu on http://127.0.0.1:5080 with the embedded default:
# SQLite under ./data, schema migrated at start-up, demo data loaded on first start.
# Extra arguments go to the server, e.g. ./run.sh --urls http://0.0.0.0:8080
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET 10 SDK is required (https://dot.net); it is not on PATH." >&2
  exit 1
fi

# Fonts for Chinese text (used later by PDF rendering); optional for the web UI itself.
if ! fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: installing fonts-noto-cjk ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null) \
      || echo "run.sh: could not install fonts-noto-cjk; Chinese PDFs will lack fonts (the web UI is unaffected)."
  else
    echo "run.sh: fonts-noto-cjk is not installed and this is not root; Chinese PDFs will lack fonts (the web UI is unaffected)."
  fi
fi

dotnet build src/Tianmu.Server -c Release --nologo -v quiet
mkdir -p data
exec dotnet src/Tianmu.Server/bin/Release/net10.0/Tianmu.Server.dll \
  --contentRoot "$PWD/src/Tianmu.Server" --Tianmu:DataDir "$PWD/data" --Tianmu:Demo true "$@"
