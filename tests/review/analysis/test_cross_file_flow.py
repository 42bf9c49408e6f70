"""Data flow across the files of one review: a helper's parameter is bound to its callers' values.

A helper reviewed alone reports "parameter" taint; reviewed together with the handler that passes
request data it reports the proven request-to-sink flow, naming the call site in the other file.
"""

from __future__ import annotations

from pathlib import Path

from tests.review.corpus_eval import whole_file_input
from wfc_server.review.reviewers.security import run

GO_HANDLER = """package api

import "net/http"

func Download(w http.ResponseWriter, r *http.Request) {
	data, err := LoadReport(r.URL.Query().Get("file"))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	_, _ = w.Write(data)
}
"""
GO_HELPER = """package api

import (
	"os"
	"path/filepath"
)

func LoadReport(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("/srv/reports", name))
}
"""
JS_ROUTES = """const express = require('express');
const { searchPosts } = require('./posts');

const router = express.Router();

router.get('/search', async (req, res) => {
  res.json(await searchPosts(req.query.term));
});

module.exports = router;
"""
JS_HELPER = """const db = require('./db');

async function searchPosts(term) {
  const sql = "SELECT id, title FROM posts WHERE title LIKE '%" + term + "%'";
  return db.query(sql);
}

module.exports = { searchPosts };
"""
JAVA_CONTROLLER = """package app;

import javax.servlet.http.HttpServletRequest;

public class ReportController {
    private final ReportFiles files = new ReportFiles();

    public byte[] download(HttpServletRequest request) throws java.io.IOException {
        return files.readReport(request.getParameter("name"));
    }
}
"""
JAVA_HELPER = """package app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;

public class ReportFiles {
    public byte[] readReport(String name) throws IOException {
        return Files.readAllBytes(Paths.get("/srv/reports/" + name));
    }
}
"""


def _findings(files: dict[str, str], tmp_path: Path) -> dict[tuple[str, int], tuple[str, str, str]]:
    out = run(whole_file_input(files, tmp_path))
    return {(f.file, f.line or 0): (f.rule_id, f.severity, f.description) for f in out.findings}


def test_go_helper_alone_is_a_parameter_and_with_its_handler_a_request_flow(tmp_path: Path) -> None:
    alone = _findings({"api/reports.go": GO_HELPER}, tmp_path / "a")
    assert ("api/reports.go", 9) not in alone or alone[("api/reports.go", 9)][1] in {"low", "medium"}
    both = _findings({"api/handlers.go": GO_HANDLER, "api/reports.go": GO_HELPER}, tmp_path / "b")
    rule, severity, description = both[("api/reports.go", 9)]
    assert (rule, severity) == ("WFC-SEC-PATH", "high")
    assert "api/handlers.go:6" in description


def test_js_route_in_one_file_makes_the_helper_sql_injection_critical(tmp_path: Path) -> None:
    alone = _findings({"src/posts.js": JS_HELPER}, tmp_path / "a")
    assert alone[("src/posts.js", 5)][:2] == ("WFC-SEC-SQLI", "high")
    assert "arameter" in alone[("src/posts.js", 5)][2]
    both = _findings({"src/routes.js": JS_ROUTES, "src/posts.js": JS_HELPER}, tmp_path / "b")
    assert both[("src/posts.js", 5)][:2] == ("WFC-SEC-SQLI", "critical")
    assert "src/routes.js:7" in both[("src/posts.js", 5)][2]


def test_java_controller_and_file_helper(tmp_path: Path) -> None:
    both = _findings({"src/main/java/app/ReportController.java": JAVA_CONTROLLER,
                      "src/main/java/app/ReportFiles.java": JAVA_HELPER}, tmp_path)
    rule, severity, description = both[("src/main/java/app/ReportFiles.java", 9)]
    assert (rule, severity) == ("WFC-SEC-PATH", "high")
    assert "ReportController.java:9" in description


def test_calls_between_languages_do_not_bind(tmp_path: Path) -> None:
    """A Go handler never feeds a JavaScript helper of the same name."""
    go = GO_HANDLER.replace("LoadReport", "searchPosts")
    found = _findings({"api/handlers.go": go, "src/posts.js": JS_HELPER}, tmp_path)
    assert found[("src/posts.js", 5)][1] == "high"


PY_VIEWS = """from flask import Flask, request

from .storage import read_report

app = Flask(__name__)


@app.route("/report")
def report():
    return read_report(request.args["name"])
"""
PY_STORAGE = """import os

BASE = "/srv/reports"


def read_report(name):
    with open(os.path.join(BASE, name)) as fh:
        return fh.read()
"""


def test_python_helper_bound_to_a_flask_route_in_another_file(tmp_path: Path) -> None:
    alone = _findings({"app/storage.py": PY_STORAGE}, tmp_path / "a")
    assert alone[("app/storage.py", 7)][1] == "medium"
    both = _findings({"app/views.py": PY_VIEWS, "app/storage.py": PY_STORAGE}, tmp_path / "b")
    rule, severity, description = both[("app/storage.py", 7)]
    assert (rule, severity) == ("WFC-SEC-PATH", "high")
    assert "app/views.py:10" in description


def test_python_helper_called_with_constants_elsewhere_stays_a_parameter(tmp_path: Path) -> None:
    views = PY_VIEWS.replace('request.args["name"]', '"monthly.txt"')
    found = _findings({"app/views.py": views, "app/storage.py": PY_STORAGE}, tmp_path)
    assert found[("app/storage.py", 7)][1] == "medium"
