/**
 * The browser stays quiet: nothing is logged unless `localStorage['homeroom.debug']` is set on a
 * developer's device. Never pass personal data, document bodies, passwords or keys here.
 */
type Sink = (message: string, detail?: unknown) => void;

let sink: Sink | undefined;

/** Installs where debug lines go (a test or a developer tool); undefined silences them. */
export function setLogSink(next: Sink | undefined): void {
  sink = next;
}

export function debug(message: string, detail?: unknown): void {
  sink?.(message, detail);
}
