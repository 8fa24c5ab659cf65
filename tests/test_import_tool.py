"""The lead import tool, run as a user runs it (a subprocess), against a real Odoo HTTP server.

The server is started on a free loopback port on the database named by JEWELLERY_TEST_RPC_DB (scripts/test
makes it: a copy of the freshly installed test database, since these tests commit what they import).
"""
import csv
import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import closing

import odoorpc
import psycopg2
import pytest

from odoo_server import OdooServer, free_port

RPC_DB = os.environ.get("JEWELLERY_TEST_RPC_DB")
CONF = os.environ.get("JEWELLERY_TEST_ODOO_CONF")
pytestmark = pytest.mark.skipif(
    not (RPC_DB and CONF), reason="needs JEWELLERY_TEST_RPC_DB and JEWELLERY_TEST_ODOO_CONF (run scripts/test)")

BIN = os.path.dirname(sys.executable)
HEADER = ["external_id", "name", "contact_name", "email_from", "user_id", "occasion", "occasion_date",
          "recipient_name", "is_surprise", "stone_type", "stone_shape", "stone_carat", "stone_color",
          "stone_clarity", "stone_cut", "metal", "ring_size", "budget_min", "budget_max", "piece_description",
          "hospitality_note"]


@pytest.fixture(scope="module")
def server():
    with OdooServer(RPC_DB, CONF) as running:
        yield running


@pytest.fixture(scope="module")
def odoo(server):
    connection = odoorpc.ODOO("127.0.0.1", port=server.port)
    connection.login(RPC_DB, "admin", "admin")
    return connection


@pytest.fixture
def tag():
    """A prefix of external ids of its own for each test: the tests share one database."""
    return "t%s" % uuid.uuid4().hex[:8]


def row(external_id, name, **values):
    base = {"external_id": external_id, "name": name, "contact_name": "Tom Reyes",
            "email_from": "tom@example.com", "user_id": "demo", "occasion": "engagement",
            "occasion_date": "2027-02-14", "recipient_name": "Clara", "is_surprise": "yes",
            "stone_type": "diamond", "stone_shape": "cushion", "stone_carat": "1.25", "stone_color": "G",
            "stone_clarity": "VVS2", "stone_cut": "very_good", "metal": "gold_white", "ring_size": "US 6.5",
            "budget_min": "5000", "budget_max": "9000", "piece_description": "1.25 ct cushion halo",
            "hospitality_note": "hazelnut latte"}
    base.update(values)
    return base


def write_csv(path, rows, header=HEADER, delimiter=",", bom=False):
    with open(str(path), "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(header)
        for values in rows:
            writer.writerow([values.get(column, "") for column in header])
    return str(path)


def tool_env(server, **extra):
    env = dict(os.environ, ODOO_HOST="127.0.0.1", ODOO_PORT=str(server.port), ODOO_DB=RPC_DB,
               ODOO_USER="admin", ODOO_PASSWORD="admin")
    for name in ("ODOO_SESSION", "ODOO_PROTOCOL", "ODOO_API_KEY", "ODOO_TRANSPORT"):
        env.pop(name, None)
    env.update(extra)
    return env


def run_tool(server, *args, env=None, console_script=False):
    command = ([os.path.join(BIN, "jewellery-followup-import")] if console_script
               else [sys.executable, "-m", "jewellery_followup_import"])
    return subprocess.run(command + [str(arg) for arg in args], env=env or tool_env(server),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300)


def leads_by_external_id(odoo, prefix, fields=("name",)):
    data = odoo.execute_kw("ir.model.data", "search_read", [[
        ("module", "=", "jewellery_followup_import"), ("name", "=like", prefix + "%")]],
        {"fields": ["name", "res_id"]})
    records = odoo.execute_kw("crm.lead", "read", [[item["res_id"] for item in data], list(fields)])
    by_id = {record["id"]: record for record in records}
    return {item["name"]: by_id[item["res_id"]] for item in data if item["res_id"] in by_id}


def count_leads(odoo, name_prefix):
    return odoo.execute_kw("crm.lead", "search_count", [[("name", "=like", name_prefix + "%")]])


def summary_count(stdout, word):
    for line in stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] == word:
            return int(parts[1])
    raise AssertionError("no %r line in the summary:\n%s" % (word, stdout))


def test_a_clean_file_lands_every_lead_with_its_jewellery_fields(server, odoo, tmp_path, tag):
    path = write_csv(tmp_path / "leads.csv", [
        row(tag + "-1", tag + " Engagement ring"),
        row(tag + "-2", tag + " Pearl earrings", occasion="birthday", stone_type="pearl", stone_shape="round",
            stone_carat="", stone_color="", stone_clarity="", stone_cut="", is_surprise="no", user_id="admin",
            budget_min="400", budget_max="800"),
        row(tag + "-3", tag + " Wedding bands", occasion="wedding", stone_type="", stone_shape="",
            stone_carat="", stone_color="", stone_clarity="", stone_cut="", metal="platinum"),
    ])
    result = run_tool(server, path, console_script=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert summary_count(result.stdout, "created") == 3
    assert summary_count(result.stdout, "failed") == 0
    assert "progress: 100%" in result.stderr, "plain progress lines when not on a terminal"
    assert not os.path.exists(str(tmp_path / "leads.rejected.csv"))

    leads = leads_by_external_id(odoo, tag, fields=[
        "name", "contact_name", "user_id", "occasion", "occasion_date", "recipient_name", "is_surprise",
        "stone_type", "stone_shape", "stone_carat", "stone_color", "stone_clarity", "stone_cut", "metal",
        "ring_size", "budget_min", "budget_max", "piece_description", "hospitality_note", "message_ids",
        "message_follower_ids"])
    ring = leads[tag + "-1"]
    assert ring["name"] == tag + " Engagement ring"
    assert ring["contact_name"] == "Tom Reyes"
    assert ring["user_id"][1] == "Demo User"
    assert (ring["occasion"], ring["occasion_date"], ring["recipient_name"]) == ("engagement", "2027-02-14", "Clara")
    assert ring["is_surprise"] is True
    assert (ring["stone_type"], ring["stone_shape"], ring["stone_carat"]) == ("diamond", "cushion", 1.25)
    assert (ring["stone_color"], ring["stone_clarity"], ring["stone_cut"]) == ("G", "VVS2", "very_good")
    assert (ring["metal"], ring["ring_size"]) == ("gold_white", "US 6.5")
    assert (ring["budget_min"], ring["budget_max"]) == (5000.0, 9000.0)
    assert ring["piece_description"] == "1.25 ct cushion halo"
    assert ring["hospitality_note"] == "hazelnut latte"
    assert ring["message_ids"] == [] and ring["message_follower_ids"] == [], "no chatter noise"
    pearls = leads[tag + "-2"]
    assert (pearls["occasion"], pearls["is_surprise"], pearls["stone_carat"]) == ("birthday", False, 0.0)
    assert pearls["user_id"][1] == "Administrator"
    assert leads[tag + "-3"]["metal"] == "platinum"


def test_semicolons_bom_labels_and_decimal_commas_are_understood(server, odoo, tmp_path, tag):
    path = write_csv(tmp_path / "from-excel.csv", [
        row(tag + "-1", tag + " Ruby ring", occasion="Self-purchase", stone_cut="Very Good", metal="ROSE GOLD",
            is_surprise="TRUE", stone_carat="0,75", stone_color="h", stone_clarity="si1", budget_min="1500,50"),
    ], delimiter=";", bom=True)
    result = run_tool(server, path)
    assert result.returncode == 0, result.stdout + result.stderr
    lead = leads_by_external_id(odoo, tag, fields=[
        "occasion", "stone_cut", "metal", "is_surprise", "stone_carat", "stone_color", "stone_clarity",
        "budget_min"])[tag + "-1"]
    assert (lead["occasion"], lead["stone_cut"], lead["metal"]) == ("self_purchase", "very_good", "gold_rose")
    assert (lead["is_surprise"], lead["stone_carat"], lead["budget_min"]) == (True, 0.75, 1500.5)
    assert (lead["stone_color"], lead["stone_clarity"]) == ("H", "SI1")


def test_bad_rows_are_reported_by_line_and_field_and_the_good_rows_land(server, odoo, tmp_path, tag):
    # a lead already in Odoo with a budget up to 2000: raising only its lower bound is refused by the server
    first = run_tool(server, write_csv(tmp_path / "first.csv", [
        row(tag + "-srv", tag + " Server refuses", budget_min="1000", budget_max="2000")]))
    assert first.returncode == 0, first.stdout + first.stderr
    rows = [
        row(tag + "-1", tag + " Good one"),                                   # line 2
        row(tag + "-2", tag + " Unknown occasion", occasion="xmas"),          # line 3
        row(tag + "-3", tag + " Bad colour", stone_color="AA"),               # line 4
        row(tag + "-4", tag + " Bad carat", stone_carat="-1"),                # line 5
        row(tag + "-5", tag + " Budget upside down", budget_min="9000", budget_max="5000"),  # line 6
        row(tag + "-6", ""),                                                  # line 7
        row(tag + "-7", tag + " Bad date", occasion_date="14/02/2027"),       # line 8
        row(tag + "-8", tag + " Good two"),                                   # line 9
    ]
    header = [column for column in HEADER if column != "budget_max"]
    path = write_csv(tmp_path / "mixed.csv", rows)
    server_refusal = write_csv(tmp_path / "update.csv", [
        row(tag + "-9", tag + " Good three"),                                 # line 2
        row(tag + "-srv", tag + " Server refuses", budget_min="5000"),        # line 3
        row(tag + "-10", tag + " Good four"),                                 # line 4
    ], header=header)

    result = run_tool(server, path)
    assert result.returncode == 4, result.stdout + result.stderr
    assert summary_count(result.stdout, "created") == 2
    assert summary_count(result.stdout, "failed") == 6
    out = result.stdout
    assert "line 3: occasion: unknown value 'xmas'" in out
    assert "line 4: stone_color: 'AA' is not a GIA colour grade from D to Z" in out
    assert "line 5: stone_carat: '-1' is not a positive number of carats" in out
    assert "line 6: budget_min: 9000 is above budget_max 5000" in out
    assert "line 7: name: required" in out
    assert "line 8: occasion_date: '14/02/2027' is not a date in ISO form YYYY-MM-DD" in out
    with open(str(tmp_path / "mixed.rejected.csv"), encoding="utf-8") as stream:
        rejected = list(csv.DictReader(stream))
    assert [(item["reject_line"], item["reject_field"]) for item in rejected] == [
        ("3", "occasion"), ("4", "stone_color"), ("5", "stone_carat"), ("6", "budget_min"), ("7", "name"),
        ("8", "occasion_date")]
    assert rejected[0]["occasion"] == "xmas", "the rejected file keeps the row as it was, ready to fix"
    assert set(leads_by_external_id(odoo, tag + "-")) == {tag + "-srv", tag + "-1", tag + "-8"}

    result = run_tool(server, server_refusal)
    assert result.returncode == 4, result.stdout + result.stderr
    assert "line 3: Budget From (5000.0) is above Budget Up To (2000.0)" in result.stdout
    assert summary_count(result.stdout, "created") == 2, "the refused row did not cost its chunk"
    assert {tag + "-9", tag + "-10"} <= set(leads_by_external_id(odoo, tag + "-"))


def test_running_the_same_file_again_updates_instead_of_duplicating(server, odoo, tmp_path, tag):
    rows = [row(tag + "-%d" % number, "%s lead %d" % (tag, number)) for number in range(5)]
    rows.append(row("", tag + " without external id"))
    path = write_csv(tmp_path / "leads.csv", rows)
    assert run_tool(server, path).returncode == 0
    again = run_tool(server, path)
    assert again.returncode == 0, again.stdout + again.stderr
    assert summary_count(again.stdout, "created") == 0
    assert summary_count(again.stdout, "skipped") == 6
    assert count_leads(odoo, tag) == 6

    rows[2]["stone_color"] = "D"
    write_csv(tmp_path / "leads.csv", rows)
    changed = run_tool(server, path)
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert (summary_count(changed.stdout, "updated"), summary_count(changed.stdout, "skipped")) == (1, 5)
    assert count_leads(odoo, tag) == 6
    assert leads_by_external_id(odoo, tag + "-2", fields=["stone_color"])[tag + "-2"]["stone_color"] == "D"


def test_an_interrupted_run_is_finished_by_running_it_again(server, odoo, tmp_path, tag):
    rows = [row(tag + "-%04d" % number, "%s lead %04d" % (tag, number)) for number in range(1500)]
    path = write_csv(tmp_path / "big.csv", rows)
    command = [sys.executable, "-m", "jewellery_followup_import", path, "--chunk-size", "50"]
    process = subprocess.Popen(command, env=tool_env(server), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True)
    deadline = time.monotonic() + 120
    while count_leads(odoo, tag) < 100 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stdout + stderr
    assert "run the same command again" in stderr
    landed = count_leads(odoo, tag)
    assert 0 < landed < 1500

    result = run_tool(server, path)
    assert result.returncode == 0, result.stdout + result.stderr
    time.sleep(1)  # chunks in flight when Ctrl-C came may still have been committing
    assert count_leads(odoo, tag) == 1500, "no duplicate and no lost row"
    assert len(leads_by_external_id(odoo, tag)) == 1500


def test_a_server_restart_during_the_run_is_retried_and_nothing_is_lost(tmp_path, tag):
    own = OdooServer(RPC_DB, CONF).start()
    try:
        odoo = odoorpc.ODOO("127.0.0.1", port=own.port)
        odoo.login(RPC_DB, "admin", "admin")
        rows = [row(tag + "-%04d" % number, "%s lead %04d" % (tag, number)) for number in range(1000)]
        path = write_csv(tmp_path / "big.csv", rows)
        command = [sys.executable, "-m", "jewellery_followup_import", path, "--chunk-size", "50",
                   "--retries", "8"]
        process = subprocess.Popen(command, env=tool_env(own), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   universal_newlines=True)
        deadline = time.monotonic() + 120
        while count_leads(odoo, tag) < 100 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
        own.stop()
        time.sleep(2)
        own.start(port=own.port)
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stdout + stderr
        assert "retrying in" in stderr, "the dropped connection was noticed and retried"
        odoo = odoorpc.ODOO("127.0.0.1", port=own.port)
        odoo.login(RPC_DB, "admin", "admin")
        assert count_leads(odoo, tag) == 1000, "no duplicate and no lost row"
    finally:
        own.close()


def test_dry_run_checks_everything_and_writes_nothing(server, odoo, tmp_path, tag):
    path = write_csv(tmp_path / "leads.csv", [
        row(tag + "-1", tag + " First"),
        row(tag + "-2", tag + " Second", stone_color="ZZ"),
        row(tag + "-3", tag + " Third"),
    ])
    result = run_tool(server, path, "--dry-run")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "DRY RUN, nothing was written" in result.stdout
    assert summary_count(result.stdout, "created") == 2
    assert "line 3: stone_color" in result.stdout
    assert count_leads(odoo, tag) == 0
    assert not leads_by_external_id(odoo, tag)
    assert os.path.exists(str(tmp_path / "leads.rejected.csv")), "the report is still written"


def test_wrong_password_is_a_clear_login_failure_and_never_printed(server, tmp_path, tag):
    path = write_csv(tmp_path / "leads.csv", [row(tag + "-1", tag + " Lead")])
    secret = "Not-The-Password-%s" % tag
    result = run_tool(server, path, "--password", secret)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "login refused: wrong user or password for 'admin' on database %r" % RPC_DB in result.stderr
    assert secret not in result.stdout + result.stderr


def test_an_unreachable_server_is_a_clear_connection_failure(server, tmp_path, tag):
    path = write_csv(tmp_path / "leads.csv", [row(tag + "-1", tag + " Lead")])
    port = free_port()
    result = run_tool(server, path, "--port", port)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "cannot reach Odoo at http://127.0.0.1:%d: connection refused" % port in result.stderr
    assert "admin" not in result.stderr.replace("'admin'", "")


def test_a_bad_file_or_bad_arguments_stop_before_anything_is_sent(server, odoo, tmp_path, tag):
    unknown = write_csv(tmp_path / "typo.csv", [{"name": tag + " x", "ocasion": "wedding"}],
                        header=["name", "ocasion"])
    result = run_tool(server, unknown)
    assert result.returncode == 2
    assert "unknown column 'ocasion'" in result.stderr
    missing = run_tool(server, tmp_path / "missing.csv")
    assert missing.returncode == 2 and "cannot open" in missing.stderr
    no_db = run_tool(server, unknown, env=tool_env(server, ODOO_DB=""))
    assert no_db.returncode == 2 and "which database?" in no_db.stderr
    assert count_leads(odoo, tag) == 0


def test_an_api_key_without_json2_goes_through_odoorpc_in_place_of_the_password(server, odoo, tmp_path, tag):
    # Odoo 11 serves no JSON-2 and knows no API keys: "auto" falls back to JSON-RPC with the key as the
    # password, which is what Odoo 14 to 18 accept (here the key is the admin's password)
    path = write_csv(tmp_path / "leads.csv", [row(tag + "-1", tag + " Through the fallback")])
    result = run_tool(server, path, env=tool_env(server, ODOO_PASSWORD="", ODOO_API_KEY="admin"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert count_leads(odoo, tag) == 1
    assert "admin" not in result.stderr.replace("'admin'", "")


def test_a_salesperson_imports_and_starts_the_chains_of_their_own_leads(server, odoo, tmp_path, tag):
    path = write_csv(tmp_path / "leads.csv", [row(tag + "-1", tag + " Own lead"), row(tag + "-2", tag + " Also mine")])
    result = run_tool(server, path, "--start-followup", env=tool_env(server, ODOO_USER="demo", ODOO_PASSWORD="demo"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "follow-up: 2 started" in result.stdout
    leads = leads_by_external_id(odoo, tag, fields=["followup_state", "create_uid"])
    assert sorted(lead["followup_state"] for lead in leads.values()) == ["running", "running"]
    assert {lead["create_uid"][1] for lead in leads.values()} == {"Demo User"}


def test_json2_asked_of_an_odoo_without_it_says_so_and_sends_nothing(server, odoo, tmp_path, tag):
    path = write_csv(tmp_path / "leads.csv", [row(tag + "-1", tag + " Never sent")])
    secret = "key-%s" % tag
    result = run_tool(server, path, "--transport", "json2", env=tool_env(server, ODOO_API_KEY=secret))
    assert result.returncode == 3, result.stdout + result.stderr
    assert "this server does not serve JSON-2 (/json/2) for database %r at http://127.0.0.1:%d" % (
        RPC_DB, server.port) in result.stderr
    assert "before Odoo 19: use --transport jsonrpc" in result.stderr
    assert secret not in result.stdout + result.stderr
    no_key = run_tool(server, path, "--transport", "json2")
    assert no_key.returncode == 2 and "JSON-2 needs an API key: give --api-key or ODOO_API_KEY" in no_key.stderr
    assert count_leads(odoo, tag) == 0


def test_connection_settings_come_from_a_saved_odoorpc_session(server, odoo, tmp_path, tag):
    rc_file = str(tmp_path / "odoorpcrc")
    odoorpc.session.save("shop", {"type": "ODOO", "host": "127.0.0.1", "protocol": "jsonrpc",
                                  "port": server.port, "timeout": 120, "user": "admin", "passwd": "admin",
                                  "database": RPC_DB}, rc_file)
    path = write_csv(tmp_path / "leads.csv", [row(tag + "-1", tag + " From a session")])
    env = dict(os.environ)
    for name in ("ODOO_HOST", "ODOO_PORT", "ODOO_DB", "ODOO_USER", "ODOO_PASSWORD"):
        env.pop(name, None)
    result = run_tool(server, path, "--session", "shop", "--session-file", rc_file, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert count_leads(odoo, tag) == 1


def test_start_followup_starts_chains_and_reports_a_lead_that_had_three_attempts(server, odoo, tmp_path, tag):
    path = write_csv(tmp_path / "leads.csv", [
        row(tag + "-new", tag + " Fresh lead"),                 # line 2
        row(tag + "-done", tag + " Called three times"),        # line 3
        row(tag + "-run", tag + " Already following"),          # line 4
    ])
    assert run_tool(server, path).returncode == 0
    leads = leads_by_external_id(odoo, tag)
    # three contacts made in the past (nobody can write attempts over RPC: they come from the engine)
    with closing(psycopg2.connect(dbname=RPC_DB)) as connection, connection, connection.cursor() as cr:
        for number in (1, 2, 3):
            cr.execute("INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state, outcome) "
                       "VALUES (%s, %s, 'call', 'done', 'no_answer')", (leads[tag + "-done"]["id"], number))
    odoo.execute_kw("crm.lead", "action_start_followup", [[leads[tag + "-run"]["id"]]])

    result = run_tool(server, path, "--start-followup")
    assert result.returncode == 5, result.stdout + result.stderr
    assert "follow-up: 1 started, 1 already running, 1 refused" in result.stdout
    assert "line 3: follow-up not started:" in result.stdout
    assert "already had 3 follow-up contacts" in result.stdout
    with open(str(tmp_path / "leads.rejected.csv"), encoding="utf-8") as stream:
        rejected = list(csv.DictReader(stream))
    assert [(item["reject_line"], item["reject_field"]) for item in rejected] == [("3", "start_followup")]

    after = leads_by_external_id(odoo, tag, fields=["followup_state", "followup_attempt_ids"])
    assert after[tag + "-new"]["followup_state"] == "running"
    assert len(after[tag + "-new"]["followup_attempt_ids"]) == 1
    assert after[tag + "-done"]["followup_state"] == "none", "not restarted"
    assert len(after[tag + "-done"]["followup_attempt_ids"]) == 3
    assert len(after[tag + "-run"]["followup_attempt_ids"]) == 1


def test_a_repeated_external_id_is_refused_with_both_lines_and_a_rerun_changes_nothing(server, odoo, tmp_path, tag):
    path = write_csv(tmp_path / "leads.csv", [
        row(tag + "-x", tag + " X first", stone_color="G"),     # line 2
        row(tag + "-y", tag + " Y first"),                      # line 3
        row(tag + "-z", tag + " Z"),                            # line 4
        row(tag + "-x", tag + " X again", stone_color="D"),     # line 5: in another chunk
        row(tag + "-y", tag + " Y again"),                      # line 6
        row(tag + "-x", tag + " X third", stone_color="AA"),    # line 7: bad and repeated
    ])
    result = run_tool(server, path, "--chunk-size", "2")
    assert result.returncode == 4, result.stdout + result.stderr
    assert (summary_count(result.stdout, "created"), summary_count(result.stdout, "failed")) == (3, 3)
    assert ("line 5: external_id: external id '%s-x' is also on line 2 (only the first line with an external id "
            "is imported)" % tag) in result.stdout
    assert "line 6: external_id: external id '%s-y' is also on line 3" % tag in result.stdout
    line_7 = [line for line in result.stdout.splitlines() if line.startswith("line 7: ")]
    assert len(line_7) == 1 and "external_id: external id '%s-x' is also on line 2" % tag in line_7[0]
    assert "stone_color: 'AA' is not a GIA colour grade" in line_7[0], "every problem of the line is told"
    with open(str(tmp_path / "leads.rejected.csv"), encoding="utf-8") as stream:
        rejected = list(csv.DictReader(stream))
    assert [(item["reject_line"], item["reject_field"]) for item in rejected] == [
        ("5", "external_id"), ("6", "external_id"), ("7", "external_id, stone_color")]
    leads = leads_by_external_id(odoo, tag, fields=["name", "stone_color", "write_date"])
    assert (leads[tag + "-x"]["name"], leads[tag + "-x"]["stone_color"]) == (tag + " X first", "G")

    again = run_tool(server, path, "--chunk-size", "2")
    assert again.returncode == 4, again.stdout + again.stderr
    assert [summary_count(again.stdout, word) for word in ("created", "updated", "skipped", "failed")] == [0, 0, 3, 3]
    assert "line 5: external_id: external id '%s-x' is also on line 2" % tag in again.stdout
    assert leads_by_external_id(odoo, tag, fields=["name", "stone_color", "write_date"]) == leads, \
        "the same file again changes nothing"
    assert count_leads(odoo, tag) == 3


def test_an_empty_cell_leaves_a_new_lead_empty_and_keeps_what_odoo_has(server, odoo, tmp_path, tag):
    first = write_csv(tmp_path / "first.csv", [row(tag + "-1", tag + " Ring", stone_color="E", ring_size="US 7")])
    assert run_tool(server, first).returncode == 0
    second = write_csv(tmp_path / "second.csv", [
        row(tag + "-1", tag + " Ring", stone_color="", ring_size="", metal="platinum"),   # known lead
        row(tag + "-2", tag + " Pendant", stone_color="", ring_size=""),                  # new lead
    ])
    result = run_tool(server, second)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (summary_count(result.stdout, "created"), summary_count(result.stdout, "updated")) == (1, 1)
    leads = leads_by_external_id(odoo, tag, fields=["stone_color", "ring_size", "metal"])
    assert (leads[tag + "-1"]["stone_color"], leads[tag + "-1"]["ring_size"]) == ("E", "US 7"), "kept"
    assert leads[tag + "-1"]["metal"] == "platinum", "the filled cell was still written"
    assert (leads[tag + "-2"]["stone_color"], leads[tag + "-2"]["ring_size"]) == (False, False), "left empty"


def test_a_salesperson_who_sees_only_their_own_leads_imports_within_their_rights(server, odoo, tmp_path, tag):
    admins = write_csv(tmp_path / "admins.csv", [row(tag + "-demo", tag + " Demo's customer", user_id="demo")])
    assert run_tool(server, admins).returncode == 0
    demo_lead = leads_by_external_id(odoo, tag + "-demo", fields=["name", "stone_color", "write_date"])
    login = "%s@counter.example.com" % tag
    odoo.execute_kw("res.users", "create", [{
        "name": "Sasha %s" % tag, "login": login, "password": "counter-%s" % tag,
        "groups_id": [(6, 0, [odoo.env.ref("sales_team.group_sale_salesman").id])]}],
        {"context": {"no_reset_password": True}})
    path = write_csv(tmp_path / "mine.csv", [
        row(tag + "-mine", tag + " My customer", user_id=login),                      # line 2
        row(tag + "-gift", tag + " For a colleague", user_id="demo"),                 # line 3
        row(tag + "-demo", tag + " Taken over", user_id=login, stone_color="D"),      # line 4
    ])
    env = tool_env(server, ODOO_USER=login, ODOO_PASSWORD="counter-%s" % tag)
    result = run_tool(server, path, env=env)
    assert result.returncode == 4, result.stdout + result.stderr
    assert (summary_count(result.stdout, "created"), summary_count(result.stdout, "failed")) == (1, 2)
    assert "line 3: user_id: your access rights do not let you create a lead assigned to Demo User." in result.stdout
    assert ("line 4: external_id: external id '%s-demo' belongs to a lead you are not allowed to read or change; "
            "nothing was written." % tag) in result.stdout
    assert set(leads_by_external_id(odoo, tag)) == {tag + "-demo", tag + "-mine"}, "bound, though a salesperson"
    assert leads_by_external_id(odoo, tag + "-demo", fields=["name", "stone_color", "write_date"]) == demo_lead
    again = run_tool(server, path, env=env)
    assert (again.returncode, summary_count(again.stdout, "skipped")) == (4, 1), again.stdout + again.stderr


def test_a_cell_too_long_to_be_real_is_refused_before_anything_is_sent(server, odoo, tmp_path, tag):
    path = write_csv(tmp_path / "leads.csv", [
        row(tag + "-1", tag + " Good"),
        row(tag + "-2", tag + " Swallowed", piece_description="y" * 100000, ring_size="7" * 1001),
    ])
    result = run_tool(server, path)
    assert result.returncode == 4, result.stdout + result.stderr
    assert ("line 3: ring_size: 1001 characters, longer than the 1000 allowed (a quote left open in the file?); "
            "piece_description: 100000 characters, longer than the 20000 allowed") in result.stdout
    assert set(leads_by_external_id(odoo, tag)) == {tag + "-1"}
