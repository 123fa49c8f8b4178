#!/usr/bin/env bash
# Installs Debian's headless Chromium and its WebDriver for the browser test of the web view
# (guard-cli ServeUiBrowserTest). Both come from Debian's own packages: no browser download.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium-setup: chromium and chromium-driver are missing and this is not root;" \
    "install them with: apt-get install chromium chromium-driver" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
chromium --version
chromedriver --version
