import { invitationInAddress, RedeemScreen } from './invitations/RedeemScreen';
import { LoginScreen } from './session/LoginScreen';
import { Shell } from './shell/Shell';
import { useApp } from './store/appStore';

export function App() {
  const phase = useApp((state) => state.phase);
  if (phase !== 'ready' && invitationInAddress() !== null) return <RedeemScreen />;
  return phase === 'ready' ? <Shell /> : <LoginScreen />;
}
