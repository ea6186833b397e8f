import { checkScans } from './suiteScan';

export default function globalTeardown(): void {
  checkScans();
}
