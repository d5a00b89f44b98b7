#!/usr/bin/env bash
# Builds and starts Tianmu on http://127.0.0.1:5080 with the embedded default:
# SQLite under ./data, schema migrated at start-up, demo data and demo devices loaded on first start,
# and the device simulator streaming their readings (TIANMU_SIMULATOR=0 leaves it off).
# Extra arguments go to the server, e.g. ./run.sh --urls http://0.0.0.0:8080
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "run.sh: the .NET 10 SDK is required (https://dot.net); it is not on PATH." >&2
  exit 1
fi
# The build fetches the chart library (ECharts) from the npm registry.
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: installing npm ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
  else
    echo "run.sh: npm (Node.js) is required to build the web UI's charts; install it (apt-get install npm)." >&2
    exit 1
  fi
fi

# Optional system packages: CJK fonts (Chinese PDFs), ffmpeg (camera snapshot analysis) and xorriso
# (evidence discs as ISO images). The web UI works without them; as root they are installed,
# otherwise what is missing is named.
missing=()
fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null || missing+=(fonts-noto-cjk)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v xorriso >/dev/null 2>&1 || missing+=(xorriso)
[ -x /usr/bin/chromium ] || missing+=(chromium)  # prints issued documents to PDF
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: installing ${missing[*]} ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null) \
      || echo "run.sh: could not install ${missing[*]}; Chinese PDFs lack fonts / documents cannot be issued as PDF / camera snapshots are not analysed / evidence discs only as folder or ZIP (the web UI is unaffected)."
  else
    echo "run.sh: ${missing[*]} not installed and this is not root; Chinese PDFs lack fonts / documents cannot be issued as PDF / camera snapshots are not analysed / evidence discs only as folder or ZIP (the web UI is unaffected)."
  fi
fi

mkdir -p data
server=(dotnet src/Tianmu.Server/bin/Release/net10.0/Tianmu.Server.dll
  --contentRoot "$PWD/src/Tianmu.Server" --Tianmu:DataDir "$PWD/data" --Tianmu:Demo true --Tianmu:DemoDevices true "$@")
if [ "${TIANMU_SIMULATOR:-1}" = "0" ]; then
  dotnet build src/Tianmu.Server -c Release --nologo -v quiet
  exec "${server[@]}"
fi

dotnet build src/Tianmu.Server -c Release --nologo -v quiet
dotnet build bench/Tianmu.Simulator -c Release --nologo -v quiet

# The value of a server option given as "--name value" or "--name=value", else the default.
arg() {
  local name=$1 value=$2 previous=""
  for a in "${@:3}"; do
    case "$a" in "$name="*) value=${a#*=} ;; esac
    if [ "$previous" = "$name" ]; then value=$a; fi
    previous=$a
  done
  echo "$value"
}
url=$(arg --urls http://127.0.0.1:5080 "$@")
url=${url%%;*}
for any in 0.0.0.0 "[::]" "*" "+"; do url=${url/"$any"/127.0.0.1}; done
hj212="127.0.0.1:$(arg --Tianmu:Hj212:Port 5212 "$@")"

# The device simulator streams the demo devices' readings (see README); it waits for /healthz itself.
"${server[@]}" &
server_pid=$!
dotnet bench/Tianmu.Simulator/bin/Release/net10.0/Tianmu.Simulator.dll --server "$url" --hj212 "$hj212" >>data/simulator.log 2>&1 &
simulator_pid=$!
echo "run.sh: 设备模拟器已在后台运行，日志见 data/simulator.log（TIANMU_SIMULATOR=0 ./run.sh 不启动模拟器）。"

# Ctrl+C or TERM stops both; the server stopping for any reason stops the simulator.
trap 'kill -TERM "$server_pid" "$simulator_pid" 2>/dev/null || true' INT TERM
status=0
wait "$server_pid" || status=$?
while kill -0 "$server_pid" 2>/dev/null; do # the wait was cut short by a signal: the server is still stopping
  status=0
  wait "$server_pid" || status=$?
done
kill -TERM "$simulator_pid" 2>/dev/null || true
wait "$simulator_pid" 2>/dev/null || true
exit "$status"
