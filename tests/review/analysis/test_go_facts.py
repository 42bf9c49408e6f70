"""Go facts: values decoded through pointers and stored into fields, database handles, results
read before their error is checked, and loop variables captured under the module's Go version."""

from __future__ import annotations

from pathlib import Path

from ast_grep_py import SgRoot

from tests.review.security.helpers import lang
from wfc_server.review.analysis import flow, go_facts
from wfc_server.review.model import SourceFile
from wfc_server.review.quality import sg_go
from wfc_server.review.security import go_taint

_CAPTURE = """package jobs

import "sync"

func RunAll(jobs []string, run func(string)) {
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			run(job)
		}()
	}
	wg.Wait()
}
"""


def test_decoded_and_bound_request_structs_are_request_data() -> None:
    go = """package p
import ("database/sql"; "encoding/json"; "net/http"; "os/exec")
type Filter struct { Sort string `json:"sort"` }
type Store struct { db *sql.DB }
func (s *Store) List(w http.ResponseWriter, r *http.Request) {
	var f Filter
	if err := json.NewDecoder(r.Body).Decode(&f); err != nil {
		return
	}
	rows, _ := s.db.Query("SELECT id FROM t ORDER BY " + f.Sort)
	defer rows.Close()
}
func Convert(c Ctx) {
	var req struct{ File string }
	if err := c.ShouldBindJSON(&req); err != nil {
		return
	}
	exec.Command("sh", "-c", "convert "+req.File).Run()
}
"""
    found = lang("go", go)
    assert (10, "sql-injection", "critical") in found
    assert (18, "command-injection", "critical") in found


def test_values_stored_into_fields_and_maps_travel_with_the_struct() -> None:
    go = """package p
import ("database/sql"; "net/http")
type query struct { table string; where map[string]string }
func Report(db *sql.DB, w http.ResponseWriter, r *http.Request) {
	var q query
	q.table = r.FormValue("table")
	q.where = map[string]string{}
	q.where["owner"] = "alice"
	db.Query("SELECT * FROM " + q.table)
}
"""
    assert (9, "sql-injection", "critical") in lang("go", go)


def test_any_argument_of_a_declared_database_handle_is_sql() -> None:
    text = "type S struct {\n\tdb *sqlx.DB\n}\nfunc f(tx *sql.Tx) {}\nconn, err := pgxpool.New(ctx, dsn)\n"
    handles = go_taint.db_handles(text)
    assert {"db", "tx", "conn"} <= handles
    assert go_taint.on_db_handle("s.store.db.Query", handles)
    assert not go_taint.on_db_handle("cache.Get", handles)
    assert go_taint.query_argument("SelectContext", ["ctx", "&out", "q"]) == 2
    assert go_taint.query_argument("Query", ["r.Context()", "q"]) == 1  # pgx: context first
    assert go_taint.query_argument("Get", ["&n", "q", "id"]) == 1
    assert go_taint.query_argument("Exec", ["q", "id"]) == 0


def test_result_read_before_its_error_is_checked() -> None:
    go = """package p
import "net/http"
func Fetch(u string) (*http.Response, error) {
	resp, err := http.Get(u)
	if resp.StatusCode != http.StatusOK {
		return nil, nil
	}
	return resp, err
}
func Safe(u string) (int, error) {
	resp, err := http.Get(u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
"""
    root = SgRoot(go, "go").root()
    uses = go_facts.go_used_before_check(root, flow.go_pointer_funcs(root))
    assert [(u.name, u.line + 1) for u in uses] == [("resp", 5)]


def _review(tmp_path: Path, go_mod: str | None) -> list[tuple[int, str, str]]:
    src = tmp_path / "src"
    (src / "jobs").mkdir(parents=True)
    if go_mod is not None:
        (src / "go.mod").write_text(f"module example.com/jobs\n\ngo {go_mod}\n")
    disk = src / "jobs" / "run.go"
    disk.write_text(_CAPTURE)
    source = SourceFile(path="jobs/run.go", language="go", text=_CAPTURE,
                        added_lines=frozenset(range(1, 17)), disk_path=str(disk), complete=True)
    return [(f.line, f.rule_id, f.severity) for f in sg_go.check(source)
            if f.rule_id == "WFC-COR-LATE-BINDING-CLOSURE"]


def test_loop_capture_depends_on_the_modules_go_version(tmp_path: Path) -> None:
    assert _review(tmp_path / "old", "1.21") == [(9, "WFC-COR-LATE-BINDING-CLOSURE", "medium")]
    assert _review(tmp_path / "new", "1.22") == []
    assert _review(tmp_path / "unknown", None) == [(9, "WFC-COR-LATE-BINDING-CLOSURE", "low")]


def test_sprintf_numeric_verbs_and_appends_split_into_text_operands() -> None:
    from wfc_server.review.security.lang_rules import _split_commas

    assert go_taint.operands('fmt.Sprintf("LIMIT %d OFFSET %d", n, off)', _split_commas) == []
    assert go_taint.operands('fmt.Sprintf("%s = %q AND n > %05.2f", col, v, x)', _split_commas) == ["col", "v"]
    assert go_taint.operands('fmt.Sprintf("%[1]s", a)', _split_commas) is None  # indexed verbs: judge all
    assert go_taint.operands("append(parts, \"a = $\"+strconv.Itoa(i), b)", _split_commas) == [
        "parts", '"a = $"+strconv.Itoa(i)', "b"]


def test_the_whole_request_passed_to_a_helper_is_not_a_read_of_it() -> None:
    assert go_taint.only_passed_whole("r", "sessionFlashes(app, w, r, s)")
    assert not go_taint.only_passed_whole("r", "strings.ToUpper(r.FormValue(\"q\"))")
    assert not go_taint.only_passed_whole("r", "r")
