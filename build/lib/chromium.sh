#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser test (tests/WebApi.IntegrationTests/Browser), installing
# it with apt-get when missing and we are root. Playwright drives it; it downloads no browser of its own.
chromium_ensure() {
  [ -x /usr/bin/chromium ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "[chromium] /usr/bin/chromium is missing: sudo apt-get install -y chromium" >&2
    return 1
  fi
  echo "[chromium] installing Debian's chromium with apt-get (one time)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends chromium >&2 || { apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends chromium >&2; }
  [ -x /usr/bin/chromium ]
}
