#!/usr/bin/env bash
# The browser tests (test/console-*.test.ts) drive Debian's chromium through playwright-core. Installs it with
# apt-get when it is missing; fails loudly (never skips) when it cannot.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
echo "ensure-chromium: chromium is missing; installing it with apt-get" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-chromium: not root and no sudo: run 'apt-get install -y chromium' as root" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y chromium || { $SUDO apt-get update && $SUDO apt-get install -y chromium; }
command -v chromium >/dev/null 2>&1 || { echo "ensure-chromium: apt-get finished but chromium is still not on PATH" >&2; exit 1; }
