// Routes of the admin UI; every page but the login needs a session.
import type { ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { useSession } from './api/session.js';
import { Layout } from './components/layout.js';
import { LoginPage } from './pages/login.js';
import { OrdersPage } from './pages/orders.js';
import { OrderPage } from './pages/order.js';
import { SourceSelectionPage } from './pages/source-selection.js';
import { NewShipmentPage } from './pages/new-shipment.js';
import { ShipmentsPage } from './pages/shipments.js';
import { ShipmentPage } from './pages/shipment.js';
import { InventoryPage } from './pages/inventory.js';
import { MovementsPage } from './pages/movements.js';
import { LocationsPage } from './pages/locations.js';
import { InventoryModelsPage } from './pages/inventory-models.js';
import { InventoryModelPage } from './pages/inventory-model.js';

function RequireSession({ children }: { readonly children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

export function App() {
  return (
    <BrowserRouter basename="/admin">
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireSession>
              <Layout />
            </RequireSession>
          }
        >
          <Route index element={<Navigate to="/orders" replace />} />
          <Route path="/orders" element={<OrdersPage />} />
          <Route path="/orders/:orderId" element={<OrderPage />} />
          <Route path="/orders/:orderId/ship" element={<SourceSelectionPage />} />
          <Route path="/orders/:orderId/ship/:selectionId" element={<NewShipmentPage />} />
          <Route path="/shipments" element={<ShipmentsPage />} />
          <Route path="/shipments/:shipmentId" element={<ShipmentPage />} />
          <Route path="/inventory" element={<InventoryPage />} />
          <Route path="/inventory/:stockItemId/movements" element={<MovementsPage />} />
          <Route path="/locations" element={<LocationsPage />} />
          <Route path="/inventory-models" element={<InventoryModelsPage />} />
          <Route path="/inventory-models/:modelId" element={<InventoryModelPage />} />
          <Route path="*" element={<p>Page not found.</p>} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
