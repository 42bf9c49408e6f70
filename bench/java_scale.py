"""Scaling of the reviewers on one large Java file (a legacy servlet: front controller + DAO).

Real Java classes of several thousand lines are common (a servlet with every action, a DAO with
every query); a reviewer whose cost grows with the square of the file size times out on them and
then finds nothing. This generates such a class at growing sizes (a third of it one long ``doPost``),
times every reviewer directly on it (CPU seconds, so other load on the machine does not count) and
prints the time per 1,000 lines and the growth exponent between the smallest and the largest
size (1.0 is linear; the target is under 1.3). Run: ``.venv/bin/python bench/java_scale.py``.
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from wfc_server.review.model import ROLES, AnalysisInput, SourceFile  # noqa: E402
from wfc_server.review.reviewers import run_reviewer  # noqa: E402

_HEADER = """package com.example.legacy;

import java.io.*;
import java.sql.*;
import java.util.*;
import javax.servlet.ServletException;
import javax.servlet.http.*;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every action of the old back office: one servlet, one DAO, many helpers. */
public class BackOfficeServlet extends HttpServlet {
    private static final Logger LOG = LoggerFactory.getLogger(BackOfficeServlet.class);
    private static final String TABLE = "orders";
    private final Map<String, String> cache = new HashMap<>();
    private Connection connection;
    private int counter;
"""

_ACTION = """
    protected void action{n}(HttpServletRequest request, HttpServletResponse response) throws IOException {{
        String customer = request.getParameter("customer{n}");
        String status = request.getParameter("status");
        String sort = request.getParameter("sort");
        int limit = Integer.parseInt(request.getParameter("limit"));
        StringBuilder sql = new StringBuilder("SELECT id, total, status FROM " + TABLE + " WHERE 1=1");
        if (customer != null && !customer.isEmpty()) {{
            sql.append(" AND customer = '").append(customer).append("'");
        }}
        if (status != null) {{
            sql.append(" AND status = ?");
        }}
        if ("total".equals(sort)) {{
            sql.append(" ORDER BY total DESC");
        }} else {{
            sql.append(" ORDER BY id");
        }}
        sql.append(" LIMIT ").append(limit);
        List<Map<String, Object>> rows = new ArrayList<>();
        Statement statement = null;
        ResultSet rs = null;
        try {{
            statement = connection.createStatement();
            rs = statement.executeQuery(sql.toString());
            while (rs.next()) {{
                Map<String, Object> row = new HashMap<>();
                row.put("id", rs.getLong("id"));
                row.put("total", rs.getBigDecimal("total"));
                row.put("status", rs.getString("status"));
                rows.add(row);
            }}
        }} catch (SQLException e) {{
            LOG.error("query failed for " + customer, e);
            response.sendError(500);
            return;
        }} finally {{
            closeQuietly(rs);
            closeQuietly(statement);
        }}
        PrintWriter out = response.getWriter();
        out.println("<html><body><h1>Orders of " + customer + "</h1><table>");
        for (Map<String, Object> row : rows) {{
            out.println("<tr><td>" + row.get("id") + "</td><td>" + row.get("total") + "</td></tr>");
        }}
        out.println("</table></body></html>");
        counter++;
    }}

    public String describe{n}(String name, int quantity, double price) {{
        String label = name == null ? "unknown" : name.trim();
        String cached = cache.get(label);
        if (cached != null) {{
            return cached;
        }}
        String result = String.format("%s x%d @ %.2f", label, quantity, price);
        cache.put(label, result);
        return result;
    }}

    public List<String> loadLines{n}(String fileName) throws IOException {{
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new FileReader(new File("/var/data", fileName)));
        String line;
        while ((line = reader.readLine()) != null) {{
            if (line.startsWith("#")) {{
                continue;
            }}
            lines.add(line.trim());
        }}
        reader.close();
        return lines;
    }}

    private long checksum{n}(byte[] data) {{
        long sum = 0;
        for (int i = 0; i < data.length; i++) {{
            sum = sum * 31 + data[i];
            if (sum > Integer.MAX_VALUE) {{
                sum = sum % 1000003;
            }}
        }}
        return sum;
    }}
"""

#: One long method: a parser / dispatcher with many locals, the shape of real legacy code.
_LONG_HEAD = """
    public Map<String, String> parseSettings{n}(String text, String defaults) {{
        Map<String, String> settings = new LinkedHashMap<>();
        String section = "main";
        String last = defaults;
        int lineNo = 0;
"""
_LONG_STEP = """        String key{i} = "k{i}";
        String value{i} = text.length() > {i} ? text.substring({i}) : last;
        if (value{i}.startsWith("[")) {{
            section = value{i}.substring(1, value{i}.length() - 1);
        }} else {{
            settings.put(section + "." + key{i}, value{i});
            last = value{i};
        }}
        lineNo++;
"""
_LONG_TAIL = """        LOG.debug("parsed " + lineNo + " settings, last " + last);
        return settings;
    }}
"""
#: The legacy front controller: one ``doPost`` whose switch grows with the application (a third of
#: the file), every branch reading a parameter, updating shared state and writing the page.
_DISPATCH_HEAD = """
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String action = request.getParameter("action");
        String user = (String) request.getSession().getAttribute("user");
        String message = "";
        String sql = "";
        PrintWriter out = response.getWriter();
        try (Statement statement = connection.createStatement()) {
            switch (action) {
"""
_DISPATCH_CASE = """                case "a{i}": {{
                    String p{i} = request.getParameter("p{i}");
                    String q{i} = p{i} == null ? message : p{i}.trim();
                    sql = "UPDATE t{i} SET v = '" + q{i} + "' WHERE owner = '" + user + "'";
                    message = message + " updated {i} " + q{i};
                    statement.executeUpdate(sql);
                    out.println("<p>" + message + "</p>");
                    break;
                }}
"""
_DISPATCH_TAIL = """                default:
                    out.println("unknown action");
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }
"""
_FOOTER = """
    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("close failed", e);
        }
    }
}
"""


def java_class(lines: int) -> str:
    """A realistic servlet class of about ``lines`` lines."""
    cases = lines // 27  # the dispatcher: about a third of the file
    parts = [_HEADER, _DISPATCH_HEAD, *(_DISPATCH_CASE.format(i=i) for i in range(cases)), _DISPATCH_TAIL]
    n = 0
    while sum(p.count("\n") for p in parts) < lines - 30:
        parts.append(_ACTION.format(n=n))
        if n % 3 == 2:  # every third block adds a long method (about 120 lines)
            parts.append(_LONG_HEAD.format(n=n))
            parts.extend(_LONG_STEP.format(i=i) for i in range(13))
            parts.append(_LONG_TAIL.format())
        n += 1
    parts.append(_FOOTER)
    return "".join(parts)


def time_roles(text: str, workdir: Path) -> dict[str, float]:
    path = "src/main/java/com/example/legacy/BackOfficeServlet.java"
    disk = workdir / path
    disk.parent.mkdir(parents=True, exist_ok=True)
    disk.write_text(text, encoding="utf-8")
    source = SourceFile(path=path, language="java", text=text,
                        added_lines=frozenset(range(1, text.count("\n") + 2)), disk_path=str(disk),
                        is_test=False, mode="diff", complete=True)
    inp = AnalysisInput(files=[source], workdir=str(workdir), mode="diff")
    out = {}
    for role in ROLES:
        started = time.process_time()
        run_reviewer(role, inp)
        out[role] = time.process_time() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    args = parser.parse_args()
    results: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="wfc-java-scale-") as tmp:
        time_roles(java_class(300), Path(tmp) / "warm")  # imports, parsers, caches
        for size in args.sizes:
            text = java_class(size)
            real = text.count("\n")
            results[real] = time_roles(text, Path(tmp) / str(size))
            row = "  ".join(f"{role} {t:6.2f}s" for role, t in results[real].items())
            print(f"{real:6d} lines: {row}")
    small, large = min(results), max(results)
    for role in ROLES:
        a, b = results[small][role], results[large][role]
        exponent = math.log(max(b, 1e-6) / max(a, 1e-6)) / math.log(large / small)
        print(f"{role:15s} {1000 * b / large:7.3f} s per 1,000 lines at {large}; growth exponent {exponent:.2f}")
    from bench.harness import save_results

    saved = save_results("java_scale", {str(k): {r: round(t, 3) for r, t in v.items()} for k, v in results.items()})
    print(f"saved {saved}")


if __name__ == "__main__":
    main()
