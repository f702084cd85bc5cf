#!/usr/bin/env bash
# Installs what building kgsh needs on a fresh Debian machine of this kind: GNU readline's headers.
set -euo pipefail
if ! [ -f /usr/include/readline/readline.h ]; then
  echo "kgsh: installing libreadline-dev (GNU readline, GPL) …" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreadline-dev >&2
fi
