import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

const TICK_MS = 1000;

/** «Повторите через 42 секунды», counting down to the second the server named. */
export function LockoutNotice({ retryAt }: { retryAt: number }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));

  useEffect(() => {
    if (seconds === 0) return;
    const timer = setInterval(() => {
      setNow(Date.now());
    }, TICK_MS);
    return () => {
      clearInterval(timer);
    };
  }, [seconds]);

  return (
    <p className="error" role="alert">
      {seconds > 0 ? t('login.lockedFor', { count: seconds }) : t('login.lockOver')}
    </p>
  );
}
