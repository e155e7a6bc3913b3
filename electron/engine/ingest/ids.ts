/**
 * Library ids of imported documents: `<place>-<kind>-<work>-<year>`, e.g. `cn-law-d4bc36-2023` for the
 * 行政复议法 as revised in 2023 and `cn-law-d4bc36-2017` for its 2017 text.
 *
 * - place: the ISO 3166-2:CN code of a province (`zj` 浙江, `gd` 广东, `cq` 重庆, …), `cn` for national
 *   texts; left out for a city or county (no offline romanisation of its name is available);
 * - kind: `law` 法律, `admin` 行政法规, `local` 地方性法规, `interp` 司法解释, `dept` 部门规章, … (`doc` when
 *   unknown);
 * - work: six hex digits of a hash of the work key (title and jurisdiction), so every version of one law
 *   shares it and a reader can spot them side by side;
 * - year: the year the version stands at (its last 修正/修订, else its adoption), when known.
 *
 * Ids must be lower-case ASCII (paths, URLs, REFs); Chinese titles cannot be romanised offline without a
 * pinyin dictionary, so the title enters as its hash. Ids never change once given (an edit of the title does
 * not rename a document), and a taken or retired id gets `-2`, `-3`, … (the library decides).
 */
import { createHash } from 'node:crypto';

const PLACE_CODES: Readonly<Record<string, string>> = {
  全国: 'cn', 北京: 'bj', 天津: 'tj', 河北: 'he', 山西: 'sx', 内蒙古: 'nm', 辽宁: 'ln', 吉林: 'jl', 黑龙江: 'hl',
  上海: 'sh', 江苏: 'js', 浙江: 'zj', 安徽: 'ah', 福建: 'fj', 江西: 'jx', 山东: 'sd', 河南: 'ha', 湖北: 'hb',
  湖南: 'hn', 广东: 'gd', 广西: 'gx', 海南: 'hi', 重庆: 'cq', 四川: 'sc', 贵州: 'gz', 云南: 'yn', 西藏: 'xz',
  陕西: 'sn', 甘肃: 'gs', 青海: 'qh', 宁夏: 'nx', 新疆: 'xj', 台湾: 'tw', 香港: 'hk', 澳门: 'mo',
};

const KIND_CODES: Readonly<Record<string, string>> = {
  宪法: 'const', 法律: 'law', 行政法规: 'admin', 地方性法规: 'local', 自治条例: 'auto', 单行条例: 'sep',
  部门规章: 'dept', 地方政府规章: 'gov', 司法解释: 'interp', 政策文件: 'policy', 修改对照稿: 'cmp',
};

export interface IdSource {
  jurisdiction: string;
  kind: string;
  /** The work key (ingest/metadata.ts workKey). */
  work: string;
  versionDate?: string;
}

/** The id a document would get, before any `-2` for an id already taken. */
export function libraryIdBase(s: IdSource): string {
  const place = PLACE_CODES[s.jurisdiction];
  const kind = KIND_CODES[s.kind] ?? 'doc';
  const work = createHash('sha256').update(s.work).digest('hex').slice(0, 6);
  const year = /^\d{4}/.exec(s.versionDate ?? '')?.[0];
  return [place, kind, work, year].filter(Boolean).join('-');
}
