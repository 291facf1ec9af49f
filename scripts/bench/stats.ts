/** The middle value (mean of the two middle ones for an even count); NaN for no samples. */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) {
    return Number.NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds with precision that suits their size: 0.42, 3.1, 57, 431. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) {
    return '?';
  }
  const digits = ms < 1 ? 2 : ms < 10 ? 1 : 0;
  return `${ms.toFixed(digits)} ms`;
}

export function formatKib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function formatMib(kib: number): string {
  return `${(kib / 1024).toFixed(0)} MiB`;
}

/** Rounds for the JSON file: enough digits to be useful, no float noise. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
