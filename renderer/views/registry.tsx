/**
 * The views of the top bar. Adding a view (对照, 检索, 主题…) = one entry here + its component; the hash
 * route `#/<id>/…` selects it and hands it the remaining segments.
 */
import type { ReactElement } from 'react';
import type { ViewProps } from '../route';
import { CompareView } from './Compare';
import { LibraryView } from './LibraryView';
import { NotesView } from './NotesView';
import { ReaderView } from './ReaderView';
import { SearchView } from './Search';
import { TopicsView } from './Topics';

export type { ViewProps };

export interface ViewDef {
  id: string;
  /** Tab label (Chinese UI). */
  label: string;
  /** Tooltip. */
  title: string;
  render: (props: ViewProps) => ReactElement;
}

export const VIEWS: ViewDef[] = [
  { id: 'library', label: '文库', title: '全部文档', render: (p) => <LibraryView {...p} /> },
  { id: 'reader', label: '阅读', title: '按章、条阅读一份文档', render: (p) => <ReaderView {...p} /> },
  { id: 'compare', label: '对照', title: '两个版本逐条对照（修改对照稿）', render: (p) => <CompareView {...p} /> },
  { id: 'topics', label: '主题', title: '各地同一主题的条款并排对照', render: (p) => <TopicsView {...p} /> },
  { id: 'search', label: '检索', title: '按主题检索全部文档的条文', render: (p) => <SearchView {...p} /> },
  { id: 'notes', label: '批注', title: '全部批注，与带批注的对照稿导出', render: (p) => <NotesView {...p} /> },
];

export const DEFAULT_VIEW = 'library';

export function findView(id: string): ViewDef {
  return VIEWS.find((v) => v.id === id) ?? VIEWS.find((v) => v.id === DEFAULT_VIEW)!;
}
