/**
 * The Chinese names of the relations between the articles of two versions, shared by the CLI, the
 * Compare view and the exported reports. Browser-safe (the page imports it).
 */
import type { Relation } from '../compare/types';

export const RELATION_LABELS: Record<Relation, string> = {
  unchanged: '未修改',
  modified: '修改',
  moved: '移动',
  split: '拆分',
  merged: '合并',
  added: '新增',
  deleted: '删除',
};
