/**
 * A render error shows what happened and a way on, never a blank page. A failing screen takes
 * only itself down: the header, the sync status and the other tabs stay usable, and changing
 * `resetKey` (the tab) tries the screen again. Stored data is not touched by a render error, so
 * the message can promise that. React itself reports the error to the console.
 */
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { reloadToNewest } from '../pwa/registerPwa';

interface Props {
  children: ReactNode;
  /** A new value clears the error and renders the children again. */
  resetKey?: string | null;
}

interface State {
  error: Error | null;
  resetKey: string | null | undefined;
}

export class FaultBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <ScreenFailed
        error={error}
        onBack={() => {
          this.setState({ error: null });
        }}
      />
    );
  }
}

function ScreenFailed({ error, onBack }: { error: Error; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="notice" role="alert">
      <p>{t('device.screenFailed')}</p>
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('device.screenBack')}
        </button>
        <button type="button" onClick={() => void reloadToNewest()}>
          {t('device.reload')}
        </button>
      </div>
      <details>
        <summary>{t('device.errorDetails')}</summary>
        <code>{`${error.name}: ${error.message}`}</code>
      </details>
    </div>
  );
}
