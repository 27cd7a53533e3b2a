// Sign in with an integration's client credentials (printed by the server on first start).
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { asApiError, type ApiError } from '../api/errors.js';
import { login, useSession } from '../api/session.js';
import { ErrorSummary } from '../components/error-summary.js';

export function LoginPage() {
  const session = useSession();
  const navigate = useNavigate();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/orders';
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  if (session && !busy) return <Navigate to={from} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login(clientId.trim(), secret);
      void navigate(from, { replace: true });
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>Stockroute admin</h1>
      <form onSubmit={submit} aria-label="Log in">
        <label htmlFor="client-id">Client ID</label>
        <input id="client-id" value={clientId} onChange={(e) => setClientId(e.target.value)} required autoComplete="username" />
        <label htmlFor="client-secret">Client secret</label>
        <input id="client-secret" type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="current-password" />
        <ErrorSummary error={error} />
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
