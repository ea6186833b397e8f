/**
 * Imported first by main.tsx. zod probes `new Function` to compile validators, which the server's
 * CSP (no 'unsafe-eval') refuses and reports as a console error; interpreted validators are fast
 * enough for the few documents a device writes.
 */
import { z } from 'zod';

z.config({ jitless: true });
