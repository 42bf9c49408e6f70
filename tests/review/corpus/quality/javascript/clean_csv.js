"use strict";

const fs = require("fs/promises");

function parseLine(line, delimiter = ",") {
  const cells = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') {
      if (quoted && line[i + 1] === '"') {
        current += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (ch === delimiter && !quoted) {
      cells.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  cells.push(current);
  return cells;
}

async function readCsv(path) {
  const text = await fs.readFile(path, "utf8");
  const [header, ...rows] = text.split(/\r?\n/).filter(Boolean);
  const columns = parseLine(header);
  return rows.map((row) => {
    const cells = parseLine(row);
    return Object.fromEntries(columns.map((name, idx) => [name, cells[idx] ?? ""]));
  });
}

async function loadOptional(path) {
  try {
    return await readCsv(path);
  } catch (err) {
    if (err.code === "ENOENT") {
      return [];
    }
    throw err;
  }
}

module.exports = { parseLine, readCsv, loadOptional };
