# Sourced by the scripts in infra/: installs a folder's Node tools (npm ci) when its package-lock.json changed.
#   node_tools DIR WHAT [npm ci options...]
node_tools() {
  local dir=$1 what=$2; shift 2
  local stamp="$dir/node_modules/.installed-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "Installing $what into ${dir#"$root"/}/node_modules..."
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error "$@")
    cp "$dir/package-lock.json" "$stamp"
  fi
}
