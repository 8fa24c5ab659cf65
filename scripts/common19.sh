# Sourced by the scripts that run the Odoo 19.0 addon (test19, demo19), after common.sh: the Odoo 19 tree and its
# Python, odoo-bin with this project's addons path, and a fresh database with crm and board.
ODOO19=${ODOO19:-/work/odoo19}
ODOO19_PYTHON=${ODOO19_PYTHON:-/work/odoo19-venv/bin/python}
[ -x "$ODOO19/odoo-bin" ] || die "no Odoo 19 tree at ODOO19=$ODOO19 (see docs/odoo19.md)"
[ -x "$ODOO19_PYTHON" ] || die "no Python for Odoo 19 at ODOO19_PYTHON=$ODOO19_PYTHON (see docs/odoo19.md)"
series=$(cd "$ODOO19" && "$ODOO19_PYTHON" -c 'from odoo import release; print(release.serie)')
[ "$series" = 19.0 ] || die "$ODOO19 is Odoo $series, not 19.0"
LOCAL19="$ROOT/.local/odoo19"
mkdir -p "$LOCAL19"

# odoo-bin's options, also given to the checks that run in Odoo 19's Python outside odoo-bin (odoo19/checks/)
ODOO19_OPTIONS=(--addons-path="$ODOO19/odoo/addons,$ROOT/odoo19"
    --data-dir="$LOCAL19/data" --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER"
    --http-port="${ODOO19_HTTP_PORT:-19069}" --http-interface=127.0.0.1 --workers=0 --max-cron-threads=0)

odoo19() {
    "$ODOO19_PYTHON" "$ODOO19/odoo-bin" "${ODOO19_OPTIONS[@]}" "$@"
}

# Runs the check $1 (a Python file of odoo19/checks/) with Odoo 19's Python, Odoo's options and the rest.
odoo19_check() {
    local check=$1
    shift
    PYTHONPATH="$ODOO19${PYTHONPATH:+:$PYTHONPATH}" "$ODOO19_PYTHON" "$ROOT/odoo19/checks/$check" "${ODOO19_OPTIONS[@]}" "$@"
}

# The version-neutral core and the import tool, into Odoo 19's Python.
install19_project_packages() {
    # the same folder the 11.0 virtualenv installs: one core for every version's addon
    "$ODOO19_PYTHON" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "$ROOT/core" "$ROOT/tools"
    "$ODOO19_PYTHON" -m pip install -q --disable-pip-version-check -r "$ROOT/odoo19/requirements-test.txt"
}

# A fresh database $1 copied from a template with crm (and its demo data) and board (the manager's dashboard, with
# the spreadsheet modules it needs), installed once per Odoo 19 tree and template prefix $2 (default: $1).
fresh19_db() {
    local db=$1 template
    template="${2:-$db}_crm_$(cd "$ODOO19" && ls -l --time-style=+%s odoo/release.py | md5sum | cut -c1-8)"
    if [ "$(module_state "$template" crm)" != installed ] || [ "$(module_state "$template" board)" != installed ] ||
            [ "$(sql "select demo from ir_module_module where name = 'crm'" "$template" 2>/dev/null)" != t ]
    then
        say "preparing the Odoo 19 crm template database $template (once, about a minute)"
        drop_db "$template"
        # Odoo 19 loads demo data only when asked (the tests and the demo store stand on crm's)
        odoo19 -d "$template" -i crm,board --with-demo --stop-after-init --log-level=warn \
            > "$LOCAL19/$template.log" 2>&1 ||
            { tail -n 40 "$LOCAL19/$template.log" >&2; die "Odoo 19 could not install crm"; }
    fi
    drop_db "$db"
    createdb -T "$template" "$db"
    rm -rf "$LOCAL19/data/filestore/$db"
    [ ! -d "$LOCAL19/data/filestore/$template" ] ||
        cp -a "$LOCAL19/data/filestore/$template" "$LOCAL19/data/filestore/$db"
}

# fresh19_db with jewellery_followup installed on top (the benches' database); $2 as fresh19_db's.
fresh19_addon_db() {
    local db=$1 log="$LOCAL19/$1.install.log"
    fresh19_db "$@"
    if ! odoo19 -d "$db" -i jewellery_followup --stop-after-init --log-level=warn > "$log" 2>&1 ||
            grep -q -E ' (ERROR|CRITICAL) ' "$log"; then
        tail -n 40 "$log" >&2
        die "Odoo 19 could not install jewellery_followup in $db (full log: $log)"
    fi
    [ "$(module_state "$db" jewellery_followup)" = installed ] || die "jewellery_followup did not install in $db"
}

copy19_db() {
    drop19_db "$2"
    createdb -T "$1" "$2"
    [ ! -d "$LOCAL19/data/filestore/$1" ] || cp -a "$LOCAL19/data/filestore/$1" "$LOCAL19/data/filestore/$2"
}

drop19_db() {
    drop_db "$1"
    rm -rf "${LOCAL19:?}/data/filestore/$1"
}
