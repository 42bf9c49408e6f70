const http = require("http");

http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => { body += chunk; });
  req.on("end", () => {
    const comment = new URLSearchParams(body).get("comment") || "";
    res.writeHead(200, { "Content-Type": "text/html" });
    res.write("<div class='comment'>" + comment + "</div>");
    res.end();
  });
}).listen(8080);
