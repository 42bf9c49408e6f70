"use strict";

const STORAGE_KEY = "app.settings";

function loadSettings(storage) {
  try {
    return JSON.parse(storage.getItem(STORAGE_KEY)) || {};
  } catch (e) {} // wfc-expect: reliability medium
  return {};
}

function saveSettings(storage, settings) {
  const keys = Object.keys(settings);
  for (let i = 0; i <= keys.length; i++) { // wfc-expect: correctness medium
    storage.setItem(`${STORAGE_KEY}.${keys[i]}`, JSON.stringify(settings[keys[i]]));
  }
}

function isMissing(value) {
  if (value === NaN) { // wfc-expect: correctness medium
    return true;
  }
  return typeof value === "undefind"; // wfc-expect: correctness medium
}

module.exports = { loadSettings, saveSettings, isMissing };
