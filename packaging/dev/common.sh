# Shared by the development scripts: install what is missing, then build.
# Sourced, not run.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo_root"

install_deps() {
  if [ "$(id -u)" -eq 0 ]; then
    bash packaging/install-deps.sh
  else
    sudo bash packaging/install-deps.sh
  fi
}

build() {
  local dir="$1"; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@"
  fi
  meson compile -C "$dir"
}

# Lets the programs run from the build tree: settings schema, translations,
# the registry the demo starts, the demo cards and the dictionaries.
uninstalled_env() {
  export GSETTINGS_SCHEMA_DIR="$repo_root/build/data"
  export PRACTITIONER_KIOSK_LOCALEDIR="$repo_root/build/po"
  export PRACTITIONER_REGISTRY="$repo_root/build/src/registry/practitioner-registry"
  export PRACTITIONER_KIOSK_DEMO_CARDS="$repo_root/data/demo-cards"
  export PRACTITIONER_DICTIONARIES="$repo_root/build/data/dictionaries"
}
