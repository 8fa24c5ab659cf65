# Sourced by the scripts that run the Odoo 18.0 addon (test18, i18n18), after common.sh: the Odoo 18 tree and its
# Python, odoo-bin with this project's addons path, and a fresh database with crm and board.
ODOO18=${ODOO18:-/work/odoo18}
ODOO18_PYTHON=${ODOO18_PYTHON:-/work/odoo18-venv/bin/python}
[ -x "$ODOO18/odoo-bin" ] || die "no Odoo 18 tree at ODOO18=$ODOO18 (see DEVELOPERS.md)"
[ -x "$ODOO18_PYTHON" ] || die "no Python for Odoo 18 at ODOO18_PYTHON=$ODOO18_PYTHON (see DEVELOPERS.md)"
series=$(cd "$ODOO18" && "$ODOO18_PYTHON" -c 'from odoo import release; print(release.serie)')
[ "$series" = 18.0 ] || die "$ODOO18 is Odoo $series, not 18.0"
LOCAL18="$ROOT/.local/odoo18"
mkdir -p "$LOCAL18"

# odoo-bin's options, also given to the checks that run in Odoo 18's Python outside odoo-bin (odoo18/checks/)
ODOO18_OPTIONS=(--addons-path="$ODOO18/addons,$ODOO18/odoo/addons,$ROOT/odoo18"
    --data-dir="$LOCAL18/data" --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER"
    --http-port="${ODOO18_HTTP_PORT:-18069}" --http-interface=127.0.0.1 --workers=0 --max-cron-threads=0)

odoo18() {
    "$ODOO18_PYTHON" "$ODOO18/odoo-bin" "${ODOO18_OPTIONS[@]}" "$@"
}

# Runs the check $1 (a Python file of odoo18/checks/) with Odoo 18's Python, Odoo's options and the rest.
odoo18_check() {
    local check=$1
    shift
    PYTHONPATH="$ODOO18${PYTHONPATH:+:$PYTHONPATH}" "$ODOO18_PYTHON" "$ROOT/odoo18/checks/$check" "${ODOO18_OPTIONS[@]}" "$@"
}

# The version-neutral core and the import tool, into Odoo 18's Python.
install18_project_packages() {
    # the same folder the 11.0 virtualenv installs: one core for every version's addon
    "$ODOO18_PYTHON" -m pip install -q --disable-pip-version-check --no-deps --force-reinstall "$ROOT/core" "$ROOT/tools"
    "$ODOO18_PYTHON" -m pip install -q --disable-pip-version-check -r "$ROOT/odoo18/requirements-test.txt"
}

# A fresh database $1 copied from a template with crm (and its demo data) and board (the manager's dashboard, with
# the spreadsheet modules it needs), installed once per Odoo 18 tree and template prefix $2 (default: $1).
fresh18_db() {
    local db=$1 template
    template="${2:-$db}_crm_$(cd "$ODOO18" && ls -l --time-style=+%s odoo/release.py | md5sum | cut -c1-8)"
    if [ "$(module_state "$template" crm)" != installed ] || [ "$(module_state "$template" board)" != installed ]
    then
        say "preparing the Odoo 18 crm template database $template (once, about a minute)"
        drop_db "$template"
        odoo18 -d "$template" -i crm,board --stop-after-init --log-level=warn > "$LOCAL18/$template.log" 2>&1 ||
            { tail -n 40 "$LOCAL18/$template.log" >&2; die "Odoo 18 could not install crm"; }
    fi
    drop_db "$db"
    createdb -T "$template" "$db"
    rm -rf "$LOCAL18/data/filestore/$db"
    [ ! -d "$LOCAL18/data/filestore/$template" ] ||
        cp -a "$LOCAL18/data/filestore/$template" "$LOCAL18/data/filestore/$db"
}

# fresh18_db with jewellery_followup installed on top (the benches' database); $2 as fresh18_db's.
fresh18_addon_db() {
    local db=$1 log="$LOCAL18/$1.install.log"
    fresh18_db "$@"
    if ! odoo18 -d "$db" -i jewellery_followup --stop-after-init --log-level=warn > "$log" 2>&1 ||
            grep -q -E ' (ERROR|CRITICAL) ' "$log"; then
        tail -n 40 "$log" >&2
        die "Odoo 18 could not install jewellery_followup in $db (full log: $log)"
    fi
    [ "$(module_state "$db" jewellery_followup)" = installed ] || die "jewellery_followup did not install in $db"
}

copy18_db() {
    drop18_db "$2"
    createdb -T "$1" "$2"
    [ ! -d "$LOCAL18/data/filestore/$1" ] || cp -a "$LOCAL18/data/filestore/$1" "$LOCAL18/data/filestore/$2"
}

drop18_db() {
    drop_db "$1"
    rm -rf "${LOCAL18:?}/data/filestore/$1"
}
