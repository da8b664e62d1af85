#!/usr/bin/env bash
# Builds TVIEW Studio if needed and starts the desktop application.
#   ./run-studio.sh
set -euo pipefail
cd "$(dirname "$0")"
source scripts/java-home.sh

mvn -B -q -ntp install -DskipTests
exec mvn -B -q -ntp -pl app exec:exec
