import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installMenuImport } from './menu-import';

const container = document.getElementById('root');
if (!container) throw new Error('missing #root');
installMenuImport();
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
