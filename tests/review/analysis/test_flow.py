"""Control-flow facts over tree-sitter trees (review/analysis/flow.py), one question at a time."""

from __future__ import annotations

from ast_grep_py import SgRoot

from wfc_server.review.analysis import flow


def _root(text: str, language: str):  # type: ignore[no-untyped-def]
    return SgRoot(text, language).root()


def test_unreachable_after_jump_but_not_hoisted_declarations_or_labels() -> None:
    js = "function f(a) {\n  return a;\n  function g() {}\n  a += 1;\n}\n"
    assert flow.unreachable(_root(js, "javascript"), "javascript") == [3]
    go = "package p\nfunc f() int {\n\tgoto done\ndone:\n\treturn 1\n}\n"
    assert flow.unreachable(_root(go, "go"), "go") == []
    go_panic = "package p\nfunc f() {\n\tpanic(\"x\")\n\tprintln(1)\n}\n"
    assert flow.unreachable(_root(go_panic, "go"), "go") == [3]


def test_check_after_use_needs_an_unconditional_use_and_a_plain_null_test() -> None:
    late = "function f(u) {\n  const n = u.name;\n  if (u === null) { return; }\n  return n;\n}\n"
    assert [(c.name, c.use_line, c.check_line) for c in flow.checks_after_use(_root(late, "javascript"),
                                                                              "javascript")] == [("u", 1, 2)]
    branch_only = "function f(u, a) {\n  if (a) { u.touch(); }\n  if (u == null) { return; }\n}\n"
    assert flow.checks_after_use(_root(branch_only, "javascript"), "javascript") == []
    defensive = "class A { void f(R r) {\n  r.seek(0);\n  if (open && r != null) { r.close(); }\n} }\n"
    assert flow.checks_after_use(_root(defensive, "java"), "java") == []
    rebound = "function f(u) {\n  const n = u.name;\n  u = load();\n  if (!u) { return; }\n}\n"
    assert flow.checks_after_use(_root(rebound, "javascript"), "javascript") == []


def test_go_handles_released_on_every_path_or_escaping_are_fine() -> None:
    src = """package p
import "os"
func a(p string, x bool) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	if x {
		return nil
	}
	return f.Close()
}
func b(p string) (*os.File, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	return f, nil
}
func c(p string) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString("x")
	return err
}
"""
    funcs = {fn.field("name").text(): fn for fn in _root(src, "go").find_all(kind="function_declaration")}
    leaks = flow.go_unreleased(funcs["a"])
    assert [(h.name, h.reason) for h in leaks] == [("f", "not closed on the return at line 9")]
    assert flow.go_unreleased(funcs["b"]) == [] and flow.go_unreleased(funcs["c"]) == []


def test_go_use_after_failed_call_only_when_the_branch_falls_through() -> None:
    src = """package p
import ("log"; "os")
func a(p string) int64 {
	info, err := os.Stat(p)
	if err != nil {
		log.Println(err)
	}
	return info.Size()
}
func b(p string) int64 {
	info, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return info.Size()
}
"""
    root = _root(src, "go")
    uses = flow.go_used_after_failure(root, flow.go_pointer_funcs(root))
    assert [(u.name, u.call_line, u.line) for u in uses] == [("info", 3, 7)]


def test_a_failing_control_flow_family_is_named_in_the_skipped_files(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.review.corpus_eval import whole_file_input
    from wfc_server.review.quality import collect
    from wfc_server.review.reviewers import run_reviewer

    def broken(source):  # type: ignore[no-untyped-def]
        raise RuntimeError("cannot get matcher")

    monkeypatch.setattr(collect.flow_rules, "check", broken)
    collect._flow_findings.cache_clear()
    collect._role_findings.cache_clear()
    try:
        out = run_reviewer("correctness", whole_file_input({"src/a.js": "function f(x) { return x; }\n"}, tmp_path))
    finally:
        collect._flow_findings.cache_clear()
        collect._role_findings.cache_clear()
    assert out.skipped == [("src/a.js", "the control-flow rules failed (RuntimeError)")]
