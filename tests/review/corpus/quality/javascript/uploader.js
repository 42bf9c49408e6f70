const path = require("path");
const { execSync } = require("child_process");

async function processUploads(files, storage) {
  files.forEach(async (file) => { // wfc-expect: correctness medium
    await storage.put(path.basename(file), file);
  });
}

async function thumbnail(file) {
  execSync(`convert ${file} -resize 200x200 ${file}.thumb.png`); // wfc-expect: performance medium
  return `${file}.thumb.png`;
}

function pickMode(options) {
  let mode = "fast";
  if (mode = options.mode) { // wfc-expect: correctness medium
    return mode;
  }
  return "default";
}

module.exports = { processUploads, thumbnail, pickMode };
