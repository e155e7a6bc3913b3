/**
 * The Chinese names of the relations, shared by the CLI, the Compare view and the exported reports.
 * Kept free of imports so that the renderer can use it without pulling in the engine.
 */
import type { Relation } from './types';

export const RELATION_LABELS: Record<Relation, string> = {
  unchanged: '未修改',
  modified: '修改',
  moved: '移动',
  split: '拆分',
  merged: '合并',
  added: '新增',
  deleted: '删除',
};
