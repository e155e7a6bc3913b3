import { useRef } from 'react';
import { apiMode } from './api';
import { formatHash, useRoute } from './route';
import { findView, VIEWS } from './views/registry';

export function App() {
  const route = useRoute();
  const view = findView(route.view);
  // Each tab returns to the last place visited in its view (e.g. the Reader keeps its document).
  const lastHash = useRef<Record<string, string>>({});
  // (Written during render so the tab links are current in this very render; idempotent.)
  lastHash.current[view.id] = route.view === view.id && window.location.hash ? window.location.hash : formatHash(view.id);

  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={formatHash('library')} title="Duizhao 对照">
          <span className="brand-mark">对照</span>
          <span className="brand-name">Duizhao</span>
        </a>
        <nav className="tabs" role="tablist" data-testid="view-tabs">
          {VIEWS.map((v) => (
            <a
              key={v.id}
              role="tab"
              aria-selected={v.id === view.id}
              className={v.id === view.id ? 'tab active' : 'tab'}
              href={lastHash.current[v.id] ?? formatHash(v.id)}
              title={v.title}
              data-testid={`tab-${v.id}`}
            >
              {v.label}
            </a>
          ))}
        </nav>
        <span className="mode" title={apiMode === 'web' ? '浏览器中的网页模式（仅本机访问）' : '桌面应用'}>
          {apiMode === 'web' ? '网页模式 · 离线' : '桌面版 · 离线'}
        </span>
      </header>
      <main className="view" data-testid={`view-${view.id}`}>
        {view.render({ route })}
      </main>
    </div>
  );
}
