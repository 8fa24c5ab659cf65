# Sourced, after common.sh and with SERIES set (17, 18 or 19), by the scripts that run the addon of a recent Odoo
# (test_series, i18n_series, bench/run_series): that version's tree and Python, odoo-bin with this project's
# addons path, and fresh databases with crm and board. The tree and its Python come from ODOO<SERIES> and
# ODOO<SERIES>_PYTHON (default /work/odoo<SERIES> and /work/odoo<SERIES>-venv/bin/python; DEVELOPERS.md says how
# to get them), the HTTP port from ODOO<SERIES>_HTTP_PORT (default <SERIES>069).
[ -n "${SERIES:-}" ] || die "SERIES is not set (17, 18 or 19)"
tree_variable="ODOO$SERIES" python_variable="ODOO${SERIES}_PYTHON" port_variable="ODOO${SERIES}_HTTP_PORT"
ODOO_TREE=${!tree_variable:-/work/odoo$SERIES}
ODOO_PY=${!python_variable:-/work/odoo$SERIES-venv/bin/python}
[ -x "$ODOO_TREE/odoo-bin" ] || die "no Odoo $SERIES.0 tree at $tree_variable=$ODOO_TREE (see DEVELOPERS.md)"
[ -x "$ODOO_PY" ] || die "no Python for Odoo $SERIES.0 at $python_variable=$ODOO_PY (see DEVELOPERS.md)"
found=$(cd "$ODOO_TREE" && "$ODOO_PY" -c 'from odoo import release; print(release.serie)')
[ "$found" = "$SERIES.0" ] || die "$ODOO_TREE is Odoo $found, not $SERIES.0"
ADDON_ROOT="$ROOT/odoo$SERIES"
LOCAL_SERIES="$ROOT/.local/odoo$SERIES"
mkdir -p "$LOCAL_SERIES"

# A source tree has addons in addons/ and odoo/addons/; a release package (17.0 and 19.0 nightlies) only in
# odoo/addons/, and 17.0 refuses a path that does not exist.
series_addons_path="$ODOO_TREE/odoo/addons,$ADDON_ROOT"
[ ! -d "$ODOO_TREE/addons" ] || series_addons_path="$ODOO_TREE/addons,$series_addons_path"

# odoo-bin's options, also given to the checks that run in Odoo's Python outside odoo-bin (checks/)
SERIES_OPTIONS=(--addons-path="$series_addons_path"
    --data-dir="$LOCAL_SERIES/data" --db_host="$PGHOST" --db_port="$PGPORT" --db_user="$PGUSER"
    --http-port="${!port_variable:-${SERIES}069}" --http-interface=127.0.0.1 --workers=0 --max-cron-threads=0)

# The tests and the demo store stand on crm's demo leads: Odoo 19 loads demo data only when asked.
SERIES_DEMO=()
[ "$SERIES" -lt 19 ] || SERIES_DEMO=(--with-demo)

odoo_series() {
    "$ODOO_PY" "$ODOO_TREE/odoo-bin" "${SERIES_OPTIONS[@]}" "$@"
}

# Runs the check $1 (a Python file of checks/, one for every recent version) with the version's Python, Odoo's
# options and the rest.
series_check() {
    local check=$1
    shift
    PYTHONPATH="$ODOO_TREE${PYTHONPATH:+:$PYTHONPATH}" "$ODOO_PY" "$ROOT/checks/$check" "${SERIES_OPTIONS[@]}" "$@"
}

# The version-neutral core, the recent versions' shared glue and the import tool, into the version's Python.
install_series_packages() {
    # the same core the 11.0 virtualenv installs (one for every version's addon), and the models, wizards and
    # reports every recent version's addon shares
    pip_install_sources "$ODOO_PY" "$ROOT/core" "$ROOT/glue" "$ROOT/tools"
    "$ODOO_PY" -m pip install -q --disable-pip-version-check -r "$ADDON_ROOT/requirements-test.txt"
}

# A fresh database $1 copied from a template with crm (and its demo data) and board (the manager's dashboard),
# installed once per tree and template prefix $2 (default: $1).
fresh_series_db() {
    local db=$1 template
    template="${2:-$db}_crm_$(cd "$ODOO_TREE" && ls -l --time-style=+%s odoo/release.py | md5sum | cut -c1-8)"
    if [ "$(module_state "$template" crm)" != installed ] || [ "$(module_state "$template" board)" != installed ] ||
            [ "$(sql "select demo from ir_module_module where name = 'crm'" "$template" 2>/dev/null)" != t ]; then
        say "preparing the Odoo $SERIES.0 crm template database $template (once, about a minute)"
        drop_db "$template"
        odoo_series -d "$template" -i crm,board "${SERIES_DEMO[@]}" --stop-after-init --log-level=warn \
            > "$LOCAL_SERIES/$template.log" 2>&1 ||
            { tail -n 40 "$LOCAL_SERIES/$template.log" >&2; die "Odoo $SERIES.0 could not install crm"; }
    fi
    copy_series_db "$template" "$db"
}

# fresh_series_db with jewellery_followup installed on top (the benches' and the demo's database); $2 as
# fresh_series_db's; the rest are odoo-bin options (e.g. --without-demo=False).
fresh_series_addon_db() {
    local db=$1 template=${2:-$1} log="$LOCAL_SERIES/$1.install.log"
    shift $(($# < 2 ? $# : 2))
    fresh_series_db "$db" "$template"
    if ! odoo_series -d "$db" -i jewellery_followup "$@" --stop-after-init --log-level=warn > "$log" 2>&1 ||
            grep -q -E ' (ERROR|CRITICAL) ' "$log"; then
        tail -n 40 "$log" >&2
        die "Odoo $SERIES.0 could not install jewellery_followup in $db (full log: $log)"
    fi
    [ "$(module_state "$db" jewellery_followup)" = installed ] || die "jewellery_followup did not install in $db"
}

copy_series_db() {
    drop_series_db "$2"
    createdb -T "$1" "$2"
    [ ! -d "$LOCAL_SERIES/data/filestore/$1" ] || cp -a "$LOCAL_SERIES/data/filestore/$1" "$LOCAL_SERIES/data/filestore/$2"
}

drop_series_db() {
    drop_db "$1"
    rm -rf "${LOCAL_SERIES:?}/data/filestore/$1"
}
