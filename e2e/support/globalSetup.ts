import { clearScans } from './suiteScan';

export default function globalSetup(): void {
  clearScans();
}
