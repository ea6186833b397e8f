import { LoginScreen } from './session/LoginScreen';
import { Shell } from './shell/Shell';
import { useApp } from './store/appStore';

export function App() {
  const phase = useApp((state) => state.phase);
  return phase === 'ready' ? <Shell /> : <LoginScreen />;
}
