"""JS/TS/Go/Java rules: function-local taint over ast-grep trees."""

from __future__ import annotations

from wfc_server.review.security.lang_rules import analyse_language


def found(language: str, text: str, path: str = "src/app") -> set[tuple[int, str]]:
    suffix = {"javascript": ".js", "typescript": ".ts", "go": ".go", "java": ".java"}[language]
    return {(f.line, f.concept) for f in analyse_language(path + suffix, language, text, False)}


def test_js_variable_and_destructuring_sources() -> None:
    text = (
        "app.get('/a', (req, res) => {\n"
        "  const { id } = req.query;\n"
        "  const sql = `SELECT * FROM t WHERE id = ${id}`;\n"
        "  db.query(sql);\n"
        "});\n"
    )
    assert (4, "sql-injection") in found("javascript", text)


def test_js_cast_and_allow_list_make_values_clean() -> None:
    text = (
        "const { exec } = require('child_process');\n"
        "app.get('/a', (req, res) => {\n"
        "  const n = parseInt(req.query.n, 10);\n"
        "  exec('sleep ' + n);\n"
        "  const tool = req.query.tool;\n"
        "  if (!['ls', 'df'].includes(tool)) { return res.sendStatus(400); }\n"
        "  exec(tool);\n"
        "});\n"
    )
    assert found("javascript", text) == set()


def test_js_regexp_exec_is_not_a_shell() -> None:
    text = "const m = /a(b)/.exec(input);\nconst r = pattern.exec(req.query.q);\n"
    assert found("javascript", text) == set()


def test_go_output_of_a_command_is_not_request_data() -> None:
    text = (
        "package main\n"
        "func h(w http.ResponseWriter, r *http.Request) {\n"
        "\thost := r.FormValue(\"host\")\n"
        "\tout, _ := exec.Command(\"ping\", \"-c\", \"1\", host).CombinedOutput()\n"
        "\tw.Write(out)\n"
        "}\n"
    )
    assert found("go", text) == set()


def test_java_annotated_parameters_are_request_sources() -> None:
    text = (
        "class C {\n"
        "  @GetMapping(\"/f\")\n"
        "  String f(@RequestParam String name) throws Exception {\n"
        "    return jdbc.queryForObject(\"SELECT x FROM t WHERE n = '\" + name + \"'\", String.class);\n"
        "  }\n"
        "  String g(@RequestParam String name) {\n"
        "    return jdbc.queryForObject(\"SELECT x FROM t WHERE n = ?\", String.class, name);\n"
        "  }\n"
        "}\n"
    )
    assert found("java", text) == {(4, "sql-injection")}


def test_test_paths_are_softened() -> None:
    text = "app.get('/a', (req, res) => { eval(req.query.code); });\n"
    findings = analyse_language("src/__tests__/a.test.js", "javascript", text, True)
    assert findings and all(f.severity == "low" for f in findings)


def test_js_escaped_template_hole_is_clean_but_raw_hole_is_not() -> None:
    text = (
        "router.get('/s', (req, res) => {\n"
        "  const q = req.query.q || '';\n"
        "  res.send(`<p>${escapeHtml(q)}</p>`);\n"
        "  res.send(`<p>${escapeHtml(q)} ${q}</p>`);\n"
        "});\n"
    )
    assert found("javascript", text) == {(4, "xss")}


def test_js_where_clause_built_in_a_helper_object() -> None:
    text = (
        "function criteria(threshold) {\n"
        "  return { $where: `this.stocks > '${threshold}'` };\n"
        "}\n"
        "app.get('/a', (req, res) => { db.find(criteria(req.query.t)); });\n"
    )
    assert (2, "code-injection") in found("javascript", text)


def test_spring_handler_plain_parameters_and_location_header() -> None:
    text = (
        "class C {\n"
        "  @GetMapping(\"/go\")\n"
        "  public void go(String url, HttpServletResponse response) {\n"
        "    response.setHeader(\"Location\", url);\n"
        "  }\n"
        "  @GetMapping(\"/r\")\n"
        "  public String r(@RequestParam String next) {\n"
        "    return \"redirect:\" + next;\n"
        "  }\n"
        "}\n"
    )
    assert found("java", text) == {(4, "open-redirect"), (8, "open-redirect")}


def test_helper_parameter_escalates_through_an_in_file_caller() -> None:
    text = (
        "class C {\n"
        "  private byte[] read(String name) throws Exception {\n"
        "    return Files.readAllBytes(Paths.get(name));\n"
        "  }\n"
        "  public void h(HttpServletRequest request) throws Exception {\n"
        "    read(request.getParameter(\"f\"));\n"
        "  }\n"
        "}\n"
    )
    assert (3, "path-traversal") in found("java", text)
