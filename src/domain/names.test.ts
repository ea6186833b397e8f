/** Names sort and match as Russian readers expect, everywhere the app sorts or searches people. */
import { describe, expect, it } from 'vitest';
import { compareByName, foldForSearch } from './names';

describe('the Russian collator', () => {
  it('sorts Ё with Е', () => {
    const names = ['Ершов', 'Ёлкина', 'Егоров', 'Жуков', 'Елисеева'].map((lastName) => ({
      lastName,
      firstName: 'А',
    }));
    expect(names.sort(compareByName).map((n) => n.lastName)).toEqual([
      'Егоров',
      'Елисеева',
      'Ёлкина',
      'Ершов',
      'Жуков',
    ]);
  });

  it('«Семен» finds «Семён», and «семён» finds «Семенов»', () => {
    expect(foldForSearch('Семёнов Фёдор').includes(foldForSearch('Семен'))).toBe(true);
    expect(foldForSearch('Семенов').includes(foldForSearch('семён'))).toBe(true);
  });
});
