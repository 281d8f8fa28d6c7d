#!/usr/bin/env bash
# Installs headless Chromium for the status page's browser test: Debian's `chromium` package, at
# /usr/bin/chromium (Playwright drives it; its own browser downloads are never used). Idempotent and
# quiet: does nothing when it is already there. CI runs it as root; elsewhere it uses sudo.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
install() { $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
# `apt-get update` once, only when the package lists do not know chromium or are too stale to fetch it.
if ! apt-cache show chromium >/dev/null 2>&1 || ! install; then
  $sudo apt-get update -qq >/dev/null
  install
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "browser.sh: the chromium package did not install /usr/bin/chromium" >&2
  exit 1
fi
echo "installed $(/usr/bin/chromium --version 2>/dev/null)"
