#!/bin/bash
# Install the peer static site generators the benchmark compares ssg with.
#
#   bash benchmarks/install_peers.sh [WORK_DIR]      (default /work/bench-work)
#
# - apt (Debian 12): hugo, time (GNU /usr/bin/time)      -- needs root
# - a venv WORK_DIR/peers/venv with Pelican + Python-Markdown + pelican-yaml-metadata
# - npm: @11ty/eleventy@3 and @11ty/eleventy-plugin-rss@3 in WORK_DIR/peers/eleventy
#
# Idempotent: whatever is already installed is left as it is. Only apt-get,
# pip and npm are used (no other downloads). Versions are pinned to those of
# the earlier baseline so that figures stay comparable; override with the
# environment variables below.
set -euo pipefail
WORK=${1:-${BENCH_WORK:-/work/bench-work}}
PEERS=$WORK/peers
VENV=$PEERS/venv
PELICAN_SPEC=${PELICAN_SPEC:-"pelican==4.12.0 markdown==3.11.3 pelican-yaml-metadata==2.2.0 pyyaml"}
ELEVENTY_SPEC=${ELEVENTY_SPEC:-"@11ty/eleventy@3.1.8 @11ty/eleventy-plugin-rss@3.0.0"}
PYTHON=${PYTHON:-python3}

mkdir -p "$PEERS"
say() { printf '== %s\n' "$*"; }

# ---- apt: hugo and GNU time
missing=()
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    say "apt-get install ${missing[*]}"
    SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
  else
    echo "install_peers: apt-get not found; please install: ${missing[*]}" >&2
  fi
else
  say "hugo and /usr/bin/time already installed"
fi

# ---- Pelican in its own venv
if [ -x "$VENV/bin/pelican" ] && "$VENV/bin/python" -c 'import pelican.plugins.yaml_metadata, markdown' 2>/dev/null; then
  say "pelican already in $VENV"
else
  say "pelican venv in $VENV"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  # shellcheck disable=SC2086
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check $PELICAN_SPEC
fi

# ---- Eleventy via npm
if command -v npm >/dev/null 2>&1; then
  E=$PEERS/eleventy
  mkdir -p "$E"
  if [ -x "$E/node_modules/.bin/eleventy" ] && [ -d "$E/node_modules/@11ty/eleventy-plugin-rss" ]; then
    say "eleventy already in $E"
  else
    say "npm install eleventy in $E"
    [ -f "$E/package.json" ] || printf '{\n  "name": "ssg-bench-eleventy",\n  "private": true,\n  "type": "module"\n}\n' > "$E/package.json"
    # shellcheck disable=SC2086
    (cd "$E" && npm install --no-audit --no-fund --loglevel=error $ELEVENTY_SPEC)
  fi
else
  echo "install_peers: npm not found; eleventy will be skipped (apt-get install nodejs npm)" >&2
fi

say "versions"
hugo version 2>/dev/null || echo "hugo: missing"
"$VENV/bin/pelican" --version 2>/dev/null | sed 's/^/pelican /' || echo "pelican: missing"
[ -x "$PEERS/eleventy/node_modules/.bin/eleventy" ] && echo "eleventy $("$PEERS/eleventy/node_modules/.bin/eleventy" --version)" || echo "eleventy: missing"
