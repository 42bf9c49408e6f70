function topScores(scores, k) {
  const sorted = scores.slice().sort();
  return sorted.reverse().slice(0, k);
}

module.exports = { topScores };
