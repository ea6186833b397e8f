/**
 * Logins are an e-mail address or a Russian phone number, accepted in any usual form:
 * `+7 (918) 123-45-67`, `89181234567`, `+79181234567` all name the same account.
 */

/** The canonical form of a login, or undefined when it is neither an e-mail nor a phone. */
export function normalizeLogin(input: string): string | undefined {
  const text = input.trim();
  if (text.includes('@')) {
    const email = text.toLowerCase();
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
  }
  return normalizePhone(text);
}

/** A Russian phone number as `+7XXXXXXXXXX`, or undefined. */
export function normalizePhone(input: string): string | undefined {
  if (!/^[\d\s()+\-.]+$/.test(input)) return undefined;
  let digits = input.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) {
    digits = digits.slice(1);
  }
  return digits.length === 10 ? `+7${digits}` : undefined;
}
