import type { CardRefusal } from '../domain/checkInCard';

const KEYS: Record<CardRefusal, string> = {
  'not-a-card': 'checkIn.notACard',
  damaged: 'checkIn.damaged',
  'other-school': 'checkIn.otherSchool',
  'other-class': 'checkIn.otherClass',
  'not-on-list': 'checkIn.notOnList',
};

/** The translation key of what the teacher is told about a refused card. */
export function refusalKey(refusal: CardRefusal): string {
  return KEYS[refusal];
}
