/**
 * Imports a school's roster and staff from its CSV or XLSX exports, the same way as the
 * administration's «Импорт» screen, with the same domain code:
 *
 *   HOMEROOM_DATA=/var/lib/homeroom npm run import -- --dir ./exports [--dry-run] [--yes]
 *
 * It prints every row as it will be imported and every row that cannot be, with its number and
 * reason, then asks before writing anything. Writing the same files again changes nothing. It then
 * creates accounts (without passwords) for the imported people; invitation codes come from the
 * app. Stop the server first: its database is locked while it runs.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { HomeroomDoc } from '../../../src/domain/envelope';
import { planImport, type PreviewRow } from '../../../src/domain/import/importPlan';
import { parseImportTable, readTable } from '../../../src/domain/import/readTable';
import type { RosterPupil } from '../../../src/domain/import/roster';
import type { StaffMember } from '../../../src/domain/import/staff';
import { schoolDate } from '../../../src/domain/schoolDate';
import { accountsForPeople, type PersonDoc } from '../accounts/invitations';
import { readConfig } from '../config';
import { openHomeroom } from '../homeroom';

const out = (line: string) => process.stdout.write(`${line}\n`);

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function describeRow(row: PreviewRow): string {
  const what = [row.className, row.birthDate].filter(Boolean).join(', ');
  const changed = row.action === 'update' ? ` (${row.changed.join(', ')})` : '';
  const corrected = row.corrected.length > 0 ? `; corrected: ${row.corrected.join(', ')}` : '';
  return `  ${row.file} row ${String(row.line)}: ${row.action}${changed} ${row.name}${what ? ` — ${what}` : ''}${corrected}`;
}

async function confirm(): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await terminal.question('Import these rows? [y/N] ');
  terminal.close();
  return /^(y|yes|д|да)$/i.test(answer.trim());
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
    },
  });
  const dir = values.dir ?? fail('Give --dir: the folder with the roster and staff files.');
  const config = readConfig(process.env, []);
  const homeroom = await openHomeroom(config);
  try {
    const store = homeroom.deps.schools.get(config.dbName) ?? fail(`No database ${config.dbName}.`);
    const all = await store.db.allDocs({ include_docs: true });
    const existing = all.rows.flatMap((row) =>
      row.doc ? [row.doc as unknown as HomeroomDoc] : [],
    );
    const school = existing.find((doc) => doc.type === 'school');
    if (!school) fail('The database has no school yet: run npm run create-admin first.');
    const timeZone = (school.body as { timeZone: string }).timeZone;

    const roster: RosterPupil[] = [];
    const staff: StaffMember[] = [];
    let refused = 0;
    for (const name of fs
      .readdirSync(dir)
      .filter((f) => /\.(csv|xlsx)$/i.test(f))
      .sort()) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(dir, name)));
      const file = parseImportTable(await readTable(bytes), {
        today: schoolDate(new Date(), timeZone),
      });
      if (file.kind === 'unknown') {
        out(`${name}: not a roster or a staff list; skipped.`);
        continue;
      }
      out(
        `${name}: ${file.kind}, ${String(file.rows.length)} rows to import, ${String(file.errors.length)} refused`,
      );
      for (const error of file.errors) out(`  row ${String(error.line)}: ${error.reason}`);
      refused += file.errors.length;
      if (file.kind === 'roster') roster.push(...file.rows);
      else staff.push(...file.rows);
    }

    const plan = planImport(
      existing,
      { roster, staff },
      {
        schoolId: school.schoolId,
        author: 'import',
        now: new Date().toISOString(),
        newId: randomUUID,
      },
    );
    for (const row of plan.rows) if (row.action !== 'unchanged') out(describeRow(row));
    const counts = ['create', 'update', 'unchanged'].map(
      (action) => `${String(plan.rows.filter((row) => row.action === action).length)} ${action}`,
    );
    out(
      `Rows: ${counts.join(', ')}, ${String(refused)} refused; ${String(plan.writes.length)} documents to write.`,
    );
    if (values['dry-run'] || plan.writes.length === 0) return;
    if (!values.yes && !(await confirm())) {
      out('Nothing was imported.');
      return;
    }
    for (let start = 0; start < plan.writes.length; start += 1000) {
      await store.db.bulkDocs(plan.writes.slice(start, start + 1000));
    }
    await store.catchUp();
    const people = [...existing, ...plan.writes].filter(
      (doc): doc is HomeroomDoc & PersonDoc => doc.type === 'guardian' || doc.type === 'staff',
    );
    const made = await accountsForPeople(homeroom.deps.accounts, people, {
      schoolId: school.schoolId,
      db: config.dbName,
    });
    out(
      `Imported. Accounts: ${String(made.created)} created, ${String(made.existing)} existing, ${String(made.withoutLogin)} without a free login.`,
    );
  } finally {
    await homeroom.close();
  }
}

main().catch((error: unknown) => {
  fail(`import failed: ${error instanceof Error ? error.message : String(error)}`);
});
