#!/usr/bin/env bash
# The whole test suite: installs what is missing (Debian packages for the real servers and the independent
# clients), builds once, runs every test project (the integration tests start and stop the real servers on
# 127.0.0.1 themselves), and ends with one line "N passed, N failed, N skipped" summed over all test projects.
# Exit code: 0 only when every test project ran and nothing failed.
set -uo pipefail
cd "$(dirname "$0")/.."

config=${CONFIGURATION:-Release}
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

bash tools/ci/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }

echo "== build ($config)"
if ! dotnet build ProadSync.sln -c "$config" -nologo -v minimal; then
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== test"
dotnet test ProadSync.sln -c "$config" --no-build -nologo \
  --logger "trx" --results-directory "$results" -- NUnit.DisplayName=FullName 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

/usr/bin/python3 - "$results" "$status" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
folder, status = sys.argv[1], int(sys.argv[2])
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob(folder + "/**/*.trx", recursive=True)
for f in files:
    counters = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # VSTest's trx counts an ignored test only in "total" (not executed, not passed).
    skipped += max(int(counters.get("total", 0)) - int(counters.get("executed", 0)), int(counters.get("notExecuted", 0))) + int(counters.get("inconclusive", 0))
if status != 0 and failed == 0:
    failed = 1  # a test host crashed or a project did not run: never report green
print(f"{len(files)} test project(s) reported", file=sys.stderr)
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(0 if failed == 0 and status == 0 else 1)
PY
