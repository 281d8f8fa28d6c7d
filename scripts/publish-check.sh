#!/usr/bin/env bash
# Publishes the linux-x64 single-file executable (publish profile linux-x64) to a temporary folder
# and runs it from there, away from the source tree: `--help`, then `sandbox --once` (emulators on
# free ports, demo back-fill, exit). Proves the file a user copies to a server starts and syncs.
# RID=win-x64 publishes that profile too (it is not run here). PUBLISH_ARGS adds arguments to `dotnet publish`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rid="${RID:-linux-x64}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== publishing $rid (self-contained, single file) to $out"
dotnet publish src/D365Xero.Cli -p:PublishProfile="$rid" -o "$out" -nologo -v quiet ${PUBLISH_ARGS:-}
ls -l "$out"
[ "$rid" = linux-x64 ] || exit 0

exe="$out/d365-xero"
cd "$out"
echo "== $exe --help"
"$exe" --help | head -5
echo "== $exe sandbox --once"
# Port 0: free loopback ports, so the check runs beside other tests and an `emulate` in use.
# Exit 1 is the demo's own failed order (its customer is archived in Xero): every verb exits 1 when a row failed.
status=0
timeout 300 "$exe" sandbox --once --dataverse-url http://127.0.0.1:0 --xero-url http://127.0.0.1:0 > sandbox.log || status=$?
tail -15 sandbox.log
[ "$status" -le 1 ] || { echo "publish-check: sandbox --once exited $status"; exit 1; }
grep -q "Orders → Xero invoices: 19 created" sandbox.log || { echo "publish-check: the demo back-fill did not create its 19 invoices"; exit 1; }
if ls "$out"/*.pdb >/dev/null 2>&1; then echo "publish-check: .pdb files beside the executable: $(ls "$out"/*.pdb)"; exit 1; fi
echo "publish-check: ok"
