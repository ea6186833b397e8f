/**
 * The part of leveldown (LevelDB for Node, https://github.com/Level/leveldown) that the access log
 * uses: string keys and values, batches of puts and deletions, and ranges read in key order.
 */
declare module 'leveldown' {
  type Callback = (error?: Error | null) => void;

  export interface PutOperation {
    type: 'put';
    key: string;
    value: string;
  }

  export interface DelOperation {
    type: 'del';
    key: string;
  }

  export interface IteratorOptions {
    gt?: string;
    gte?: string;
    lt?: string;
    lte?: string;
    reverse?: boolean;
    limit?: number;
    /** Without values, each entry's value is an empty string. */
    values?: boolean;
    keyAsBuffer: false;
    valueAsBuffer?: false;
  }

  export interface Iterator {
    /** The next entry, or undefined at the end of the range. */
    next(): Promise<[string, string] | undefined>;
    end(callback: Callback): void;
  }

  export interface LevelDown {
    open(options: { createIfMissing?: boolean }, callback: Callback): void;
    close(callback: Callback): void;
    batch(operations: (PutOperation | DelOperation)[], callback: Callback): void;
    iterator(options: IteratorOptions): Iterator;
  }

  export default function leveldown(location: string): LevelDown;
}
