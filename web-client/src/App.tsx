import { useEffect, useState } from 'react';
import { session } from './api/session';
import { startSession, stopSession } from './app/client';
import { LoginScreen, RegisterScreen } from './components/AuthScreens';
import { InvitePage } from './components/InvitePage';
import { Shell } from './components/Shell';
import { match, navigate, usePath } from './util/router';

function useLoggedIn(): boolean {
  const [loggedIn, setLoggedIn] = useState(session.hasSession());
  useEffect(() => session.subscribe(setLoggedIn), []);
  return loggedIn;
}

export function App() {
  const path = usePath();
  const loggedIn = useLoggedIn();

  useEffect(() => {
    if (loggedIn) startSession();
    else stopSession();
  }, [loggedIn]);

  const isAuthPage = path === '/login' || path === '/register';
  const invite = match('/invite/:code', path);

  useEffect(() => {
    if (!loggedIn && !isAuthPage && !invite) {
      const next = path === '/' || path.startsWith('/channels/@me') ? '' : `?next=${encodeURIComponent(path)}`;
      navigate(`/login${next}`, true);
    } else if (loggedIn && !invite && !path.startsWith('/channels/')) {
      navigate('/channels/@me', true);
    }
  }, [loggedIn, isAuthPage, invite, path]);

  if (invite) return <InvitePage code={invite.code} loggedIn={loggedIn} />;
  if (!loggedIn) return path === '/register' ? <RegisterScreen /> : <LoginScreen />;
  if (isAuthPage) return null;
  return <Shell path={path} />;
}
