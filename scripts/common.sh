# Sourced by the project's scripts: where things are, and small helpers around PostgreSQL and Odoo.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CONF="$ROOT/.local/odoo.conf"
FILESTORE="$ROOT/.local/data/filestore"
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-$(id -un)}

say() { printf '[%s] %s\n' "$(basename "$0")" "$*"; }
die() { printf '[%s] ERROR: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to run: $*"; fi
}

apt_install() {
    command -v apt-get >/dev/null || die "missing $*; install them with your system's package manager"
    say "installing Debian packages: $*"
    as_root apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# What every version's tests drive besides Odoo, installed by each version's test command so that none of them is
# skipped for want of a package the command could have installed.
ensure_test_tools() {
    local missing=()
    # PDF reports (the handwritten-note card) are printed through wkhtmltopdf.
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    # The browser tests drive the web client in headless Chromium through Debian's chromedriver (never a browser
    # or driver downloaded by a tool).
    command -v chromium >/dev/null || missing+=(chromium)
    [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
    # The note card's PDF is read as text (pdftotext) and as a picture (pdftoppm).
    command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
    # The time-zone tests run a real Odoo process whose clock faketime moves.
    command -v faketime >/dev/null || missing+=(faketime)
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
}

# pip-installs the repository's package folders $2... with the Python $1, each from a fresh copy of its sources:
# setuptools builds in the folder it is given, so a build/ left in the checkout would bring back a file deleted
# since, and two installs at once (scripts/test17 and test18 side by side) would share and clear it.
pip_install_sources() {
    local python=$1 copies folder status=0
    local sources=()
    shift
    copies=$(mktemp -d)
    for folder in "$@"; do
        cp -r "$folder" "$copies/"
        rm -rf "$copies/$(basename "$folder")/build"
        sources+=("$copies/$(basename "$folder")")
    done
    "$python" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "${sources[@]}" || status=$?
    rm -rf "$copies"
    return "$status"
}

sql() { psql -X -q -t -A -d "${2:-postgres}" -c "$1"; }

db_exists() { [ "$(sql "select count(*) from pg_database where datname = '$1'")" = 1 ]; }

module_state() { sql "select state from ir_module_module where name = '$2'" "$1" 2>/dev/null || true; }

drop_db() {
    dropdb --if-exists "$1" 2>/dev/null || {
        sql "select pg_terminate_backend(pid) from pg_stat_activity where datname = '$1'" >/dev/null
        dropdb --if-exists "$1"
    }
    rm -rf "${FILESTORE:?}/$1"
}

# Runs Odoo once to install or update modules, with its log kept aside and shown only on failure.
odoo_init() {
    local db=$1 log="$ROOT/.local/$1.install.log"
    shift
    if ! "$ROOT/scripts/odoo" -d "$db" "$@" --stop-after-init --log-level=warn > "$log" 2>&1 ||
            grep -q -E ' (ERROR|CRITICAL) ' "$log"; then
        tail -n 40 "$log" >&2
        die "Odoo could not load database $db (full log: $log)"
    fi
}

# A fresh database holding crm and its demo leads (copied from a template kept per pinned package set), with
# jewellery_followup installed on top.
crm_template_name() {
    echo "jewellery_crm_$(cat "$ROOT/constraints.txt" "$ROOT/requirements.txt" | sha256sum | cut -c1-10)"
}

copy_db() {
    drop_db "$2"
    createdb -T "$1" "$2"
    mkdir -p "$FILESTORE"
    [ ! -d "$FILESTORE/$1" ] || cp -a "$FILESTORE/$1" "$FILESTORE/$2"
}

fresh_addon_db() {
    local template
    template=$(crm_template_name)
    if [ "$(module_state "$template" crm)" != installed ]; then
        say "preparing the crm template database $template (once, about a minute)"
        drop_db "$template"
        odoo_init "$template" -i crm
    fi
    copy_db "$template" "$1"
    odoo_init "$1" -i jewellery_followup
    [ "$(module_state "$1" jewellery_followup)" = installed ] || die "jewellery_followup did not install in $1"
}
