#!/usr/bin/env bash
# What the browser tests need beyond Python: Debian's chromium (driven by the Python
# playwright package through executable_path; nothing downloads a browser), a Java
# runtime for the Nu HTML checker, and the npm packages axe-core and vnu-jar.
# Idempotent: installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
  echo "install-system-deps: apt-get install ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need[@]}"
fi

# npm packages pinned in package.json; --ignore-scripts because vnu-jar's postinstall
# would download a Java runtime of its own.
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "install-system-deps: npm install (axe-core, vnu-jar into ./node_modules)"
  npm install --ignore-scripts --no-audit --no-fund
fi
echo "install-system-deps: chromium, Java, node and the npm packages are in place"
