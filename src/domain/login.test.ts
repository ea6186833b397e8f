import { describe, expect, it } from 'vitest';
import { normalizeLogin } from './login';

describe('normalizeLogin', () => {
  it.each([
    ['+7 (918) 123-45-67', '+79181234567'],
    ['89181234567', '+79181234567'],
    ['+79181234567', '+79181234567'],
    ['9181234567', '+79181234567'],
    [' KPS.Mama@Example.com ', 'kps.mama@example.com'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeLogin(input)).toBe(expected);
  });

  it.each(['', '12345', 'not a login', 'a@b', '+1 (555) 123-4567-89'])('refuses %j', (input) => {
    expect(normalizeLogin(input)).toBeUndefined();
  });
});
