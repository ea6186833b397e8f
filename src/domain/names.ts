/**
 * Names sort and match the way Russian readers expect: Ё sorts with Е, and «Семен» finds «Семён».
 */

const collator = new Intl.Collator('ru', { sensitivity: 'base', numeric: true });

export function compareRu(a: string, b: string): number {
  return collator.compare(a, b);
}

export interface PersonName {
  lastName: string;
  firstName: string;
  patronymic?: string | undefined;
}

/** «Фамилия Имя Отчество», the order of a class register. */
export function fullName(person: PersonName): string {
  return [person.lastName, person.firstName, person.patronymic].filter(Boolean).join(' ');
}

/** «Фамилия И. О.» */
export function shortName(person: PersonName): string {
  const initials = [person.firstName, person.patronymic]
    .filter((part): part is string => Boolean(part))
    .map((part) => `${part[0] ?? ''}.`)
    .join(' ');
  return initials ? `${person.lastName} ${initials}` : person.lastName;
}

/** Sorts people as a class register does: by surname, then name, then patronymic. */
export function compareByName(a: PersonName, b: PersonName): number {
  return (
    compareRu(a.lastName, b.lastName) ||
    compareRu(a.firstName, b.firstName) ||
    compareRu(a.patronymic ?? '', b.patronymic ?? '')
  );
}

/** Folds a string for searching: lower case, Ё as Е. */
export function foldForSearch(text: string): string {
  return text.toLocaleLowerCase('ru').replaceAll('ё', 'е');
}
