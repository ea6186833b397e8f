/** Reads the chosen files and plans the import against what the school holds; writes nothing. */
import { planImport, type ImportPlan } from '../domain/import/importPlan';
import { parseImportTable, readTable } from '../domain/import/readTable';
import type { RosterPupil } from '../domain/import/roster';
import type { StaffMember } from '../domain/import/staff';
import type { Docs } from '../domain/queries';
import type { RefusedRow } from './ImportPreview';

export interface Prepared {
  plan: ImportPlan;
  refused: RefusedRow[];
}

/** Reads every chosen file and plans the import against what the school holds; writes nothing. */
export async function prepareImport(
  files: readonly File[],
  docs: Docs,
  context: { schoolId: string; author: string; today: string },
): Promise<Prepared> {
  const roster: RosterPupil[] = [];
  const staff: StaffMember[] = [];
  const refused: RefusedRow[] = [];
  for (const file of files) {
    const table = await readTable(new Uint8Array(await file.arrayBuffer()));
    const parsed = parseImportTable(table, { today: context.today });
    refused.push(...parsed.errors.map((error) => ({ ...error, file: file.name })));
    if (parsed.kind === 'roster') roster.push(...parsed.rows);
    if (parsed.kind === 'staff') staff.push(...parsed.rows);
  }
  const plan = planImport(
    docs.values(),
    { roster, staff },
    {
      ...context,
      now: new Date().toISOString(),
      newId: () => crypto.randomUUID(),
    },
  );
  return { plan, refused };
}
