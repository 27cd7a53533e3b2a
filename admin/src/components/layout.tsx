// The frame around every signed-in page: navigation, who is signed in, log out.
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { logout, useSession } from '../api/session.js';
import { ErrorBoundary } from './error-boundary.js';

const LINKS = [
  { to: '/orders', label: 'Orders' },
  { to: '/shipments', label: 'Shipments' },
  { to: '/inventory', label: 'Inventory' },
  { to: '/locations', label: 'Locations' },
  { to: '/inventory-models', label: 'Inventory models' },
];

export function Layout() {
  const session = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <div className="layout">
      <header>
        <span className="brand">Stockroute admin</span>
        <nav aria-label="Main">
          {LINKS.map((l) => (
            <NavLink key={l.to} to={l.to}>
              {l.label}
            </NavLink>
          ))}
        </nav>
        <span className="who">{session?.clientId}</span>
        <button
          type="button"
          onClick={() => {
            logout();
            void navigate('/login');
          }}
        >
          Log out
        </button>
      </header>
      <main>
        <ErrorBoundary key={pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
    </div>
  );
}
