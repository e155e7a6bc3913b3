/**
 * 对照: two versions side by side, one row per pair of articles, in the 修改对照稿's convention — on the
 * left, text deleted or moved away is shaded (阴影); on the right, text added is bold (黑体). Badges say
 * what happened to each article (新增 / 删除 / 修改 / 移动 / 拆分 / 合并 / 重新编号), the 对照稿's own
 * editorial notes are shown under their article, "只看修改" hides the rest, j/k (or n/p) step through the
 * changes. An article's history (修订草案 → 二次审议稿 → enacted) is one click away.
 *
 * What is drawn — rows, bands, marks, notes, names — is the engine's display model (engine/display); the
 * parts of the view live in ./compare/: the picker, the toolbar, the table and its rows, the cells, the
 * keyboard navigation and the history.
 *
 * Place lives in the hash: #/compare/<left>/<right>/<row> and #/compare/history/<ref,ref,…>/<k>:<article>.
 */
import type { ViewProps } from '../route';
import { ComparePage } from './compare/ComparePage';
import { HistoryView } from './compare/History';
import { DEFAULT_LEFT, DEFAULT_RIGHT } from './compare/routes';

export { compareHash, DEFAULT_LEFT, DEFAULT_RIGHT, historyHash } from './compare/routes';

export function CompareView({ route }: ViewProps) {
  if (route.segments[0] === 'history') return <HistoryView segments={route.segments.slice(1)} />;
  const left = route.segments[0] ?? DEFAULT_LEFT;
  const right = route.segments[1] ?? DEFAULT_RIGHT;
  const row = route.segments[2] ?? null;
  return <ComparePage key={`${left}|${right}`} left={left} right={right} row={row} />;
}
