/**
 * The optimal-string-alignment distance between two strings: insertions, deletions, substitutions
 * and swaps of two neighbouring characters each count 1 (`statsu` is 1 from `status`).
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** The known word nearest to `word` within `maxDistance` edits (the first in `known` on a tie), if any. */
export function nearestWord(word: string, known: readonly string[], maxDistance = 2): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(word, candidate);
    if (distance <= maxDistance && (best === undefined || distance < best.distance))
      best = { word: candidate, distance };
  }
  return best?.word;
}
