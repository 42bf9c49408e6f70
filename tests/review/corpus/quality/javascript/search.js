async function saveIndex(index, store) {
  await store.put("search-index", JSON.stringify(index));
}

async function reindex(documents, store) {
  const index = {};
  for (const doc of documents) {
    for (const word of doc.text.split(/\s+/)) {
      (index[word] = index[word] || []).push(doc.id);
    }
  }
  saveIndex(index, store); // wfc-expect: correctness medium
  return Object.keys(index).length;
}

function matches(title, query) {
  return title.toLowerCase().indexOf(query.toLowerCase()) > 0; // wfc-expect: correctness medium
}

module.exports = { reindex, matches };
