/**
 * `npm run bench`: runs every benchmark in one process, prints the results, and writes them into
 * docs/BENCHMARKS.md between its markers. Ratios against a baseline measured in the same run are
 * what count; absolute times are reported beside their targets, since the machines are noisy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { feedCost } from './feedCost';
import { ms } from './measure';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LARGE = Number(process.env.BENCH_LARGE_DOCS ?? 200_000);
const DOC = path.resolve(import.meta.dirname, '..', 'docs', 'BENCHMARKS.md');
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

async function main() {
  const small = await feedCost(0, RUNS);
  const large = await feedCost(LARGE, RUNS);
  const ratio = (a: number, b: number) => (a / b).toFixed(2);

  const lines = [
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}; medians of ${RUNS} runs.`,
    '',
    "### Feed cost: a guardian's sync from the routing index",
    '',
    `The guardian (kps.mama@example.com) reads ${small.rowsFirst} documents at both sizes.`,
    '',
    '| school | documents | first sync | incremental sync | baseline first (filtered per request) | baseline incremental |',
    '| --- | --- | --- | --- | --- | --- |',
    `| demo | ${small.docs} | ${ms(small.firstSyncMs)} ms | ${ms(small.incrementalMs)} ms | ${ms(small.baselineFirstMs)} ms | ${ms(small.baselineIncrementalMs)} ms |`,
    `| grown | ${large.docs} | ${ms(large.firstSyncMs)} ms | ${ms(large.incrementalMs)} ms | ${ms(large.baselineFirstMs)} ms | ${ms(large.baselineIncrementalMs)} ms |`,
    '',
    `- Large ÷ small, first sync: **${ratio(large.firstSyncMs, small.firstSyncMs)}** (target ≤ 1.3); incremental: **${ratio(large.incrementalMs, small.incrementalMs)}** (target ≤ 1.3).`,
    `- Baseline ÷ Homeroom at the large school, first sync: **${ratio(large.baselineFirstMs, large.firstSyncMs)}×**; incremental: **${ratio(large.baselineIncrementalMs, large.incrementalMs)}×**.`,
    `- Baseline large ÷ small, first sync: ${ratio(large.baselineFirstMs, small.baselineFirstMs)} (the cost that routing at write time removes).`,
  ];
  const report = lines.join('\n');
  process.stdout.write(`${report}\n`);

  const doc = readFileSync(DOC, 'utf8');
  const before = doc.slice(0, doc.indexOf(START) + START.length);
  const after = doc.slice(doc.indexOf(END));
  writeFileSync(DOC, `${before}\n${report}\n${after}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
