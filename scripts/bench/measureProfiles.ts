import * as path from 'node:path';
import { writeProfileFiles } from './profileFiles';
import type { ProfilesResult, ProfilesTask } from './profilesWorker';
import type { Row } from './report';
import { formatMs, median, round } from './stats';
import { runWorker } from './worker';

export const PROFILE_COUNTS = [10, 100, 1_000, 10_000];
const LARGEST_BUDGET_MS = 200;
/** Linear: ten times the profiles may cost at most 15 times as much (per-profile cost within 1.5x). */
const MAX_GROWTH_FOR_10X = 15;

interface SizeResult {
  count: number;
  /** config + credentials */
  bytes: number;
  cold: number[];
  warm: number[];
  rss: number[];
}

export async function measureProfiles(profilesModule: string, workDir: string, processes: number, warmRuns: number, env: NodeJS.ProcessEnv): Promise<Row[]> {
  const sizes: SizeResult[] = [];
  for (const count of PROFILE_COUNTS) {
    const files = writeProfileFiles(path.join(workDir, `profiles-${count}`), count);
    const size: SizeResult = { count, bytes: files.bytes, cold: [], warm: [], rss: [] };
    for (let i = 0; i < processes; i++) {
      const task: ProfilesTask = { profilesModule, expectedCount: count, warmRuns };
      const filesEnv = { ...env, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
      const { result } = await runWorker<ProfilesTask, ProfilesResult>(path.join(__dirname, 'profilesWorker.js'), task, filesEnv);
      size.cold.push(result.coldMs);
      size.warm.push(...result.warmMs);
      size.rss.push(result.maxRssKib);
    }
    sizes.push(size);
  }

  const rows: Row[] = sizes.map((size) => {
    const cold = median(size.cold);
    const warm = median(size.warm);
    const largest = size.count === PROFILE_COUNTS[PROFILE_COUNTS.length - 1];
    return {
      key: `profiles.${size.count}`,
      section: 4,
      figure: `loadProfiles, ${size.count.toLocaleString('en')} profiles, cold (warm ${formatMs(warm)}, ${formatMs((warm / size.count) * 1000)} per 1,000)`,
      value: formatMs(cold),
      median: cold,
      unit: 'ms',
      samples: size.cold.map((ms) => round(ms, 3)),
      parts: { warmMs: round(warm, 3), warmMsPer1000: round((warm / size.count) * 1000, 3), fileBytes: size.bytes },
      runs: size.cold.length,
      peakRssKib: median(size.rss),
      ...(largest ? { budget: '<= 200 ms', verdict: cold <= LARGEST_BUDGET_MS ? 'pass' : 'miss' } : {}),
    } satisfies Row;
  });

  const at = (count: number): SizeResult | undefined => sizes.find((size) => size.count === count);
  const thousand = at(1_000);
  const tenThousand = at(10_000);
  if (thousand && tenThousand) {
    const warmGrowth = median(tenThousand.warm) / median(thousand.warm);
    const coldGrowth = median(tenThousand.cold) / median(thousand.cold);
    rows.push({
      key: 'profiles.growth',
      section: 4,
      figure: `loadProfiles growth, 1,000 -> 10,000 profiles, warm (cold x${coldGrowth.toFixed(1)})`,
      value: `x${warmGrowth.toFixed(1)}`,
      median: warmGrowth,
      unit: 'x',
      budget: `linear (<= x${MAX_GROWTH_FOR_10X})`,
      verdict: warmGrowth <= MAX_GROWTH_FOR_10X ? 'pass' : 'miss',
    });
  }
  return rows;
}
