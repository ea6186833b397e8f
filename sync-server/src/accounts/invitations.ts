/**
 * Accounts for imported people, and one-time invitation codes for those who log in by phone or
 * have no password yet. A code is shown once, to the teacher who prints it or shows it as a QR
 * code; the server keeps only its HMAC under the server's secret, and an expiry. Redeeming it sets
 * the password and spends it.
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { isAdministration } from '../../../src/domain/import/staff';
import type { GuardianBody, StaffBody } from '../../../src/domain/schemas';
import type { Account, Accounts } from './accounts';
import { hashPassword } from './passwords';

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60_000;

/** Letters and digits that cannot be mistaken for each other when typed from paper. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;

/** A new code, `XXXX-XXXX-XXXX`: 60 bits, enough against guessing behind the throttle. */
export function newInvitationCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += ALPHABET.charAt(randomInt(ALPHABET.length));
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** The canonical form of a typed code: upper case, without spaces and hyphens. */
export function canonicalCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

export function invitationHash(secret: Buffer, code: string): string {
  return createHmac('sha256', secret)
    .update(`invitation:${canonicalCode(code)}`)
    .digest('base64');
}

/** The account holding an unexpired invitation with this code. */
export function findInvitation(
  accounts: Accounts,
  secret: Buffer,
  code: string,
  now = Date.now(),
): Account | undefined {
  const wanted = Buffer.from(invitationHash(secret, code));
  for (const account of accounts.all()) {
    const held = account.invitation;
    if (!held || held.expiresAt <= now) continue;
    const hash = Buffer.from(held.hash);
    if (hash.length === wanted.length && timingSafeEqual(hash, wanted)) return account;
  }
  return undefined;
}

/** Sets the password from an invitation and spends the code; ends any earlier session. */
export async function redeemInvitation(
  accounts: Accounts,
  account: Account,
  password: string,
): Promise<void> {
  const { invitation: _spent, ...rest } = account;
  await accounts.save([
    {
      ...rest,
      passwordHash: await hashPassword(password),
      demo: false,
      sessionEpoch: account.sessionEpoch + 1,
    },
  ]);
}

export interface PersonDoc {
  type: 'guardian' | 'staff';
  personId: string;
  body: GuardianBody | StaffBody;
}

/**
 * Accounts, without a password, for imported people who have none: the login is the e-mail, or
 * the phone, or both, where no other account holds them. Idempotent: a person with an account is
 * left as they are.
 */
export async function accountsForPeople(
  accounts: Accounts,
  people: readonly PersonDoc[],
  school: { schoolId: string; db: string },
): Promise<{ created: number; existing: number; withoutLogin: number }> {
  const created: Account[] = [];
  const taken = new Set<string>();
  let existing = 0;
  let withoutLogin = 0;
  for (const person of people) {
    if (accounts.findById(`account:${person.personId}`)) {
      existing += 1;
      continue;
    }
    const logins = [person.body.email, person.body.phone].filter(
      (login): login is string =>
        login !== undefined && !accounts.findByLogin(login) && !taken.has(login),
    );
    if (logins.length === 0) {
      withoutLogin += 1;
      continue;
    }
    logins.forEach((login) => taken.add(login));
    const staff = person.type === 'staff';
    created.push({
      _id: `account:${person.personId}`,
      logins,
      passwordHash: '',
      schoolId: school.schoolId,
      db: school.db,
      personId: person.personId,
      admin: staff && isAdministration((person.body as StaffBody).position),
      staff,
      guardian: !staff,
      sessionEpoch: 0,
    });
  }
  await accounts.save(created);
  return { created: created.length, existing, withoutLogin };
}
