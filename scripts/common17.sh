# Sourced by the scripts that run the Odoo 17.0 addon (test17, demo17), after common.sh: the Odoo 17 tree and its
# Python, odoo-bin with this project's addons path, and a fresh database with crm and board.
ODOO17=${ODOO17:-/work/odoo17}
ODOO17_PYTHON=${ODOO17_PYTHON:-/work/odoo17-venv/bin/python}
[ -x "$ODOO17/odoo-bin" ] || die "no Odoo 17 tree at ODOO17=$ODOO17 (see docs/odoo17.md)"
[ -x "$ODOO17_PYTHON" ] || die "no Python for Odoo 17 at ODOO17_PYTHON=$ODOO17_PYTHON (see docs/odoo17.md)"
series=$(cd "$ODOO17" && "$ODOO17_PYTHON" -c 'from odoo import release; print(release.serie)')
[ "$series" = 17.0 ] || die "$ODOO17 is Odoo $series, not 17.0"
LOCAL17="$ROOT/.local/odoo17"
mkdir -p "$LOCAL17"

# odoo-bin's options, also given to the checks that run in Odoo 17's Python outside odoo-bin (odoo17/checks/)
ODOO17_OPTIONS=(--addons-path="$ODOO17/odoo/addons,$ROOT/odoo17"
    --data-dir="$LOCAL17/data" --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER"
    --http-port="${ODOO17_HTTP_PORT:-17069}" --http-interface=127.0.0.1 --workers=0 --max-cron-threads=0)

odoo17() {
    "$ODOO17_PYTHON" "$ODOO17/odoo-bin" "${ODOO17_OPTIONS[@]}" "$@"
}

# Runs the check $1 (a Python file of odoo17/checks/) with Odoo 17's Python, Odoo's options and the rest.
odoo17_check() {
    local check=$1
    shift
    PYTHONPATH="$ODOO17${PYTHONPATH:+:$PYTHONPATH}" "$ODOO17_PYTHON" "$ROOT/odoo17/checks/$check" "${ODOO17_OPTIONS[@]}" "$@"
}

# The version-neutral core and the import tool, into Odoo 17's Python.
install17_project_packages() {
    # the same folder the 11.0 virtualenv installs: one core for every version's addon
    "$ODOO17_PYTHON" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "$ROOT/core" "$ROOT/tools"
    "$ODOO17_PYTHON" -m pip install -q --disable-pip-version-check -r "$ROOT/odoo17/requirements-test.txt"
}

# A fresh database $1 copied from a template with crm (and its demo data) and board (the manager's dashboard, with
# the spreadsheet modules it needs), installed once per Odoo 17 tree and template prefix $2 (default: $1).
fresh17_db() {
    local db=$1 template
    template="${2:-$db}_crm_$(cd "$ODOO17" && ls -l --time-style=+%s odoo/release.py | md5sum | cut -c1-8)"
    if [ "$(module_state "$template" crm)" != installed ] || [ "$(module_state "$template" board)" != installed ]
    then
        say "preparing the Odoo 17 crm template database $template (once, about a minute)"
        drop_db "$template"
        odoo17 -d "$template" -i crm,board --stop-after-init --log-level=warn > "$LOCAL17/$template.log" 2>&1 ||
            { tail -n 40 "$LOCAL17/$template.log" >&2; die "Odoo 17 could not install crm"; }
    fi
    drop_db "$db"
    createdb -T "$template" "$db"
    rm -rf "$LOCAL17/data/filestore/$db"
    [ ! -d "$LOCAL17/data/filestore/$template" ] ||
        cp -a "$LOCAL17/data/filestore/$template" "$LOCAL17/data/filestore/$db"
}

# fresh17_db with jewellery_followup installed on top (the benches' database); $2 as fresh17_db's.
fresh17_addon_db() {
    local db=$1 log="$LOCAL17/$1.install.log"
    fresh17_db "$@"
    if ! odoo17 -d "$db" -i jewellery_followup --stop-after-init --log-level=warn > "$log" 2>&1 ||
            grep -q -E ' (ERROR|CRITICAL) ' "$log"; then
        tail -n 40 "$log" >&2
        die "Odoo 17 could not install jewellery_followup in $db (full log: $log)"
    fi
    [ "$(module_state "$db" jewellery_followup)" = installed ] || die "jewellery_followup did not install in $db"
}

copy17_db() {
    drop17_db "$2"
    createdb -T "$1" "$2"
    [ ! -d "$LOCAL17/data/filestore/$1" ] || cp -a "$LOCAL17/data/filestore/$1" "$LOCAL17/data/filestore/$2"
}

drop17_db() {
    drop_db "$1"
    rm -rf "${LOCAL17:?}/data/filestore/$1"
}
