/** Conversion between documents and stored rows. Only CLEAR_ENVELOPE_FIELDS stay readable. */
import { CLEAR_ENVELOPE_FIELDS, type HomeroomDoc } from '../domain/envelope';
import { open, seal } from '../crypto/seal';
import type { DocRow } from './userDb';

export async function toRow(key: CryptoKey, doc: HomeroomDoc): Promise<DocRow> {
  const sealed = await seal(key, doc, doc._id);
  const row: Record<string, unknown> = { iv: sealed.iv, ct: sealed.ct };
  for (const field of CLEAR_ENVELOPE_FIELDS) {
    if (doc[field] !== undefined) row[field] = doc[field];
  }
  return row as unknown as DocRow;
}

/** The row's clear `_rev` is authoritative: an acknowledgement updates it without re-sealing. */
export async function fromRow(key: CryptoKey, row: DocRow): Promise<HomeroomDoc> {
  const doc = await open<HomeroomDoc>(key, row, row._id);
  if (row._rev === undefined) delete doc._rev;
  else doc._rev = row._rev;
  return doc;
}
