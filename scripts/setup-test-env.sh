#!/usr/bin/env bash
# Prepares this machine for the integration and e2e suites: Debian tools, then
# code-server (a real VS Code that installs from the npm registry; README, "Testing in a real
# VS Code"). Safe to re-run: finished steps are skipped. IAMPW_SETUP_PACKAGES narrows the Debian
# packages (the demo needs only ripgrep and libkrb5-dev, to build code-server).
# tinyproxy-bin is tinyproxy without its system service: the proxy tests start their own.
# Missing pieces are reported, not fatal: the suites decide (they fail under CI=true).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INSTALL_DIR=${IAMPW_CODE_SERVER_DIR:-$REPO_ROOT/.cache/code-server-$CODE_SERVER_VERSION}
MARKER=$INSTALL_DIR/.iampw-setup-complete

started_at=$(date +%s)
log() { printf '[setup] %s\n' "$*"; }
warn() { printf '[setup] WARNING: %s\n' "$*" >&2; }
elapsed() { echo "$(($(date +%s) - started_at)) s"; }

# --- Debian packages -------------------------------------------------------
# package name -> a file it provides, so the check also works where dpkg is absent.
declare -A PROVIDES=(
  [chromium]=/usr/bin/chromium
  [ripgrep]=/usr/bin/rg
  [awscli]=/usr/bin/aws
  [libkrb5-dev]=/usr/include/krb5.h
  [tinyproxy-bin]=/usr/bin/tinyproxy
)
missing=()
for pkg in ${IAMPW_SETUP_PACKAGES:-chromium ripgrep awscli libkrb5-dev tinyproxy-bin}; do
  [[ -e ${PROVIDES[$pkg]} ]] || missing+=("$pkg")
done
# code-server's native modules (kerberos, node-pty, argon2) compile with node-gyp.
command -v g++ >/dev/null && command -v make >/dev/null || missing+=(build-essential)
command -v python3 >/dev/null || missing+=(python3)

is_debian=false
[[ -f /etc/debian_version ]] && command -v apt-get >/dev/null && is_debian=true

if ((${#missing[@]} == 0)); then
  log "Debian packages: all present (${IAMPW_SETUP_PACKAGES:-chromium ripgrep awscli libkrb5-dev tinyproxy-bin})"
elif $is_debian && [[ $(id -u) -eq 0 ]]; then
  log "installing with apt-get: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
else
  warn "missing: ${missing[*]}"
  if $is_debian; then
    warn "install them with: sudo apt-get install -y ${missing[*]}"
  else
    warn "install the equivalents with your package manager (chromium -> a Chromium binary at /usr/bin/chromium,"
    warn "ripgrep -> rg, awscli -> AWS CLI v2 at /usr/bin/aws, libkrb5-dev -> Kerberos development headers,"
    warn "tinyproxy-bin -> the tinyproxy HTTP proxy at /usr/bin/tinyproxy, which the proxy tests start themselves)"
  fi
fi

# --- code-server -----------------------------------------------------------
# $1: an install folder. code-server writes a default config (with a generated
# password) and a log folder on every start, so point both into a throwaway folder.
code_server_version_ok() {
  local scratch out
  scratch=$(mktemp -d)
  out=$(CODE_SERVER_CONFIG=$scratch/config.yaml XDG_DATA_HOME=$scratch/data \
    "$1/node_modules/.bin/code-server" --version 2>/dev/null) || true
  rm -rf "$scratch"
  out=$(grep "^$CODE_SERVER_VERSION " <<<"$out") || return 1
  log "code-server --version: $out"
}

if [[ -f $MARKER ]] && code_server_version_ok "$INSTALL_DIR"; then
  log "code-server $CODE_SERVER_VERSION already installed in $INSTALL_DIR ($(elapsed))"
  exit 0
fi
if [[ -e $INSTALL_DIR ]]; then
  warn "$INSTALL_DIR exists but is not a finished install by this script; remove it and run again"
  exit 1
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [[ $node_major != 20 ]]; then
  warn "code-server NOT installed: $CODE_SERVER_VERSION needs Node 20, this is $(node --version); the VS Code suites will be skipped"
  exit 0
fi
for needed in /usr/bin/rg /usr/include/krb5.h; do
  if [[ ! -e $needed ]]; then
    warn "code-server NOT installed: it needs $needed (see above); the VS Code suites will be skipped"
    exit 0
  fi
done

# Build in a staging folder and move it into place only when it works, so an
# interrupted run never leaves something that looks installed.
STAGING=$INSTALL_DIR.partial
rm -rf "$STAGING"
mkdir -p "$STAGING"
trap 'warn "code-server install failed; the partial install is left in $STAGING for inspection (the next run starts over)"' ERR
log "installing code-server $CODE_SERVER_VERSION into $INSTALL_DIR (takes a few minutes the first time)"

# Its own package.json stops npm from walking up into the repository's.
printf '{ "name": "iampw-code-server", "private": true }\n' >"$STAGING/package.json"
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

# node-gyp downloads Node's headers unless told where they are; offline that fails. Use the
# headers installed next to this node when they match it exactly.
node_prefix=$(dirname "$(dirname "$(node -p process.execPath)")")
headers=$node_prefix/include/node/node_version.h
if [[ -z ${npm_config_nodedir:-} && $(npm config get nodedir) == undefined && -f $headers ]]; then
  header_version=$(awk '/define NODE_(MAJOR|MINOR|PATCH)_VERSION/ { printf "%s%s", sep, $3; sep = "." }' "$headers")
  if [[ v$header_version == "$(node --version)" ]]; then
    log "node-gyp will use the Node headers in $node_prefix/include/node"
    export npm_config_nodedir=$node_prefix
  fi
fi

# Install scripts off: code-server's postinstall would download ripgrep from GitHub.
log "npm install code-server@$CODE_SERVER_VERSION"
(cd "$STAGING" && npm install --ignore-scripts --no-package-lock "code-server@$CODE_SERVER_VERSION")

VSCODE_DIR=$STAGING/node_modules/code-server/lib/vscode
log "npm install in lib/vscode"
(cd "$VSCODE_DIR" && npm install --omit=dev --ignore-scripts)

# @vscode/ripgrep's install script skips its download when bin/ exists.
mkdir -p "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin"
cp /usr/bin/rg "$VSCODE_DIR/node_modules/@vscode/ripgrep/bin/rg"

log "npm rebuild in lib/vscode (native modules)"
(cd "$VSCODE_DIR" && npm_config_yes=true npm rebuild)
ln -sfn node_modules "$VSCODE_DIR/node_modules.asar"

log "npm install in lib/vscode/extensions"
# Its postinstall lists every file it prunes; keep the output readable.
(cd "$VSCODE_DIR/extensions" && npm install --omit=dev | sed '/^[Rr]emoved /d')

log "npm rebuild argon2"
(cd "$STAGING" && npm rebuild argon2)

if ! code_server_version_ok "$STAGING"; then
  warn "code-server --version did not print $CODE_SERVER_VERSION; the install is left in $STAGING for inspection"
  exit 1
fi
date -u +%Y-%m-%dT%H:%M:%SZ >"$STAGING/$(basename "$MARKER")"
mv "$STAGING" "$INSTALL_DIR"
log "code-server $CODE_SERVER_VERSION installed in $INSTALL_DIR ($(elapsed))"
