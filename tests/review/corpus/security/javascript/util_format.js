"use strict";

/** Small formatting helpers shared by the reports. */
function formatMoney(cents, currency = "EUR") {
  const value = (cents / 100).toFixed(2);
  return `${value} ${currency}`;
}

function slugify(title) {
  return String(title)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function groupBy(items, key) {
  return items.reduce((acc, item) => {
    (acc[item[key]] = acc[item[key]] || []).push(item);
    return acc;
  }, {});
}

function pickRandom(items) {
  return items[Math.floor(Math.random() * items.length)];
}

module.exports = { formatMoney, slugify, groupBy, pickRandom };
