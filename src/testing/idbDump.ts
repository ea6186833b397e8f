/** Reads every database, store, key, index key and value of an IndexedDB factory as text. */
function asText(value: unknown): string {
  if (value instanceof ArrayBuffer) return new TextDecoder('utf-8').decode(value);
  if (ArrayBuffer.isView(value)) return new TextDecoder('utf-8').decode(value);
  if (Array.isArray(value)) return value.map(asText).join('|');
  if (value && typeof value === 'object') {
    return Object.entries(value)
      .map(([key, inner]) => `${key}=${asText(inner)}`)
      .join('|');
  }
  return String(value);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => {
      resolve(req.result);
    };
    req.onerror = () => {
      reject(req.error ?? new Error('idb request failed'));
    };
  });
}

export async function dumpIndexedDb(factory: IDBFactory): Promise<string> {
  const parts: string[] = [];
  for (const info of await factory.databases()) {
    const name = info.name ?? '';
    parts.push(`db:${name}`);
    const db = await request(factory.open(name));
    for (const storeName of Array.from(db.objectStoreNames)) {
      const store = db.transaction(storeName).objectStore(storeName);
      parts.push(`store:${storeName}`, asText(await request(store.getAllKeys())));
      parts.push(asText(await request(store.getAll())));
      for (const indexName of Array.from(store.indexNames)) {
        parts.push(asText(await indexKeys(store.index(indexName))));
      }
    }
    db.close();
  }
  return parts.join('\n');
}

function indexKeys(index: IDBIndex): Promise<IDBValidKey[]> {
  const keys: IDBValidKey[] = [];
  const cursorRequest = index.openKeyCursor();
  return new Promise((resolve, reject) => {
    cursorRequest.onsuccess = () => {
      const cursor = cursorRequest.result;
      if (!cursor) {
        resolve(keys);
        return;
      }
      keys.push(cursor.key);
      cursor.continue();
    };
    cursorRequest.onerror = () => {
      reject(cursorRequest.error ?? new Error('cursor failed'));
    };
  });
}
