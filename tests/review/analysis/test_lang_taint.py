"""The JS/TS, Go and Java taint flow: propagators, proven-safe values and new sources.

Each case is one small function; the assertion is on the finding's (line, concept, severity).
"""

from __future__ import annotations

from tests.review.security.helpers import lang


def test_builders_and_containers_carry_taint_to_the_sink() -> None:
    java = """class R {
  java.sql.ResultSet find(java.sql.Statement st, String owner) throws Exception {
    StringBuilder sql = new StringBuilder("SELECT * FROM a WHERE o = '");
    sql.append(owner).append("'");
    return st.executeQuery(sql.toString());
  }
}
"""
    assert (5, "sql-injection", "high") in lang("java", java)
    go = """package p
import ("database/sql"; "fmt"; "strings")
func F(db *sql.DB, name string) {
	var b strings.Builder
	b.WriteString("SELECT id FROM t WHERE n = '")
	fmt.Fprintf(&b, "%s'", name)
	db.Query(b.String())
}
"""
    assert (7, "sql-injection", "high") in lang("go", go)
    js = """function f(db, tag) {
  const parts = ['SELECT * FROM t WHERE 1=1'];
  parts.push(`AND tag = '${tag}'`);
  return db.query(parts.join(' '));
}
"""
    assert (4, "sql-injection", "high") in lang("javascript", js)


def test_scalar_typed_parameters_and_fixed_map_lookups_are_proven_safe() -> None:
    go = """package p
import ("database/sql"; "fmt")
var cols = map[string]string{"a": "a_col"}
func F(db *sql.DB, limit int, sort string) {
	col := cols[sort]
	db.Query(fmt.Sprintf("SELECT id FROM t ORDER BY %s LIMIT %d", col, limit))
}
"""
    assert lang("go", go) == set()
    java = """class R {
  void f(java.sql.Statement st, long id, boolean hard) throws Exception {
    st.executeUpdate("DELETE FROM t WHERE id = " + id + " AND hard = " + hard);
  }
}
"""
    assert lang("java", java) == set()


def test_archive_entry_names_are_a_source_only_for_entry_variables() -> None:
    go = """package p
import ("archive/zip"; "os"; "path/filepath")
func X(r *zip.Reader, dest string, user User) {
	for _, f := range r.File {
		os.Create(filepath.Join(dest, f.Name))
	}
	os.Create(filepath.Join(dest, "users", user.Name))
}
"""
    found = lang("go", go)
    assert (5, "archive-path-traversal", "high") in found
    assert not any(f[0] == 7 and f[2] in {"high", "critical"} for f in found)


def test_a_fixed_name_under_a_parameter_directory_is_not_path_traversal() -> None:
    go = """package p
import ("os"; "path/filepath")
func Open(dir string) (*os.File, error) {
	return os.Open(filepath.Join(dir, "state.db"))
}
func OpenNamed(dir, name string) (*os.File, error) {
	return os.Open(filepath.Join(dir, name))
}
"""
    found = lang("go", go)
    assert not any(f[0] == 4 for f in found)
    assert any(f[0] == 7 and f[1] == "path-traversal" for f in found)
