// Edit distance for forgiving input: Damerau–Levenshtein (optimal string alignment: an
// insertion, deletion, substitution or swap of two neighbours each costs 1), and how many
// edits a word of a given length may have and still count as a near miss.

/** The optimal-string-alignment distance between a and b; stops early above `max` (returns max + 1). */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Edits allowed for a near miss of a word this long: none up to 3 letters, 1 up to 5, then 2. */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  return length <= 5 ? 1 : 2;
}

/** Whether `typed` is a near miss of `known` (not equal), and by how many edits; undefined when not near. */
export function nearMiss(typed: string, known: string): number | undefined {
  const max = allowedEdits(Math.min(typed.length, known.length));
  const d = editDistance(typed, known, max);
  return d > 0 && d <= max ? d : undefined;
}
