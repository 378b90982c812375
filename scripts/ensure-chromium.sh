#!/usr/bin/env bash
# Browser tests drive Debian's Chromium. Install it when missing and the machine
# allows it (root with apt); otherwise say that the browser tests will be skipped.
set -u
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
  echo "Could not install chromium with apt-get."
fi
echo "NOTE: browser tests will be SKIPPED: $CHROMIUM is missing."
echo "      To run them: sudo apt-get install chromium (or set CHROMIUM_PATH)."
exit 0
