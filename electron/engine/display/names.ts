/**
 * How texts are named where a person reads them — column headers, 沿革 columns, report titles, running
 * headers — never by library id. Beside other versions of the same text a version is named by what tells
 * it apart: its own label (修订草案, 二次审议稿), its stage as a text (施行文本), else its year (2019年修正);
 * alone, or beside another law, by the document's short title or title.
 */

export interface NameInput {
  /** The document's title. */
  title: string;
  /** The version's own label inside a multi-version document ("修订草案"). */
  versionLabel: string | null;
  /** The document's stage (施行, 征求意见稿, 草案…). */
  stage?: string;
  /** The corpus's short title ("湖南办法"). */
  shortTitle?: string;
  /** The library's name of this version of its law: "标题（2019年修订）". */
  label?: string;
  /** The same for every version of one law (the library's work key). */
  work?: string;
  /** The library id of the document (versions of one document are one text). */
  doc?: string;
  dates?: { adopted?: string; effective?: string; published?: string; drafted?: string; amended?: string[] };
}

export interface Names {
  /** Short, for a column: 修订草案, 施行文本, 2019年修正. */
  name: string;
  /** The whole text's name: 标题（2019年修正）, 标题（修订草案）. */
  fullName: string;
}

/** "…办法（修订草案）修改对照稿" → "…办法": the title of the text itself, without the draft's own name. */
export function baseTitle(title: string): string {
  let t = title.trim().replace(/修改对照稿$/, '');
  // "《…〈…〉办法（修订草案）》": the title quoted whole, its inner quotation marks single.
  const quoted = /^《(.*)》$/.exec(t);
  if (quoted) t = quoted[1]!.replace(/〈/g, '《').replace(/〉/g, '》');
  return t.replace(/（[^（）]*(草案|审议稿)[^（）]*）$/, '');
}

/** 施行 → 施行文本; 征求意见稿 stays. */
export function stageText(stage: string): string {
  return /(稿|草案|文本)$/.test(stage) ? stage : `${stage}文本`;
}

/** Whether the inputs are versions of one text (one document, one work, or the same title). */
export function sameText(inputs: NameInput[]): boolean {
  if (inputs.length < 2) return false;
  const same = (key: (n: NameInput) => string | undefined) => {
    const first = key(inputs[0]!);
    return first !== undefined && inputs.every((n) => key(n) === first);
  };
  return same((n) => n.doc) || same((n) => n.work) || same((n) => baseTitle(n.title));
}

/** What the library's label adds to the title ("标题（2019年修订）" → "2019年修订"), else the year the text stands at. */
function distinction(n: NameInput): string | null {
  const m = n.label ? /（([^（）]+)）$/.exec(n.label) : null;
  if (m && n.label!.startsWith(baseTitle(n.title))) return /年$/.test(m[1]!) ? `${m[1]}文本` : m[1]!;
  // The dates do not say whether the last change was a 修正 or a 修订: the year alone.
  const date = n.dates?.amended?.at(-1) ?? n.dates?.adopted ?? n.dates?.published ?? n.dates?.effective ?? n.dates?.drafted;
  return date ? `${date.slice(0, 4)}年文本` : null;
}

function fullNameOf(n: NameInput): string {
  // A version of a multi-version document (a 对照稿's 修订草案) is named by its own label; the library's
  // label names a whole document among the versions of its law.
  if (n.versionLabel) return `${baseTitle(n.title)}（${n.versionLabel}）`;
  return n.label ?? n.title;
}

/**
 * Names for texts shown together (the two sides of a comparison, or the versions of a 沿革), each one
 * telling its text apart from the others.
 */
export function columnNames(inputs: NameInput[]): Names[] {
  const versions = sameText(inputs);
  const names = inputs.map((n) => n.versionLabel ?? (versions && n.stage ? stageText(n.stage) : undefined) ?? n.shortTitle ?? n.title);
  // Two texts by one name (two 施行文本 of one law): each by what tells it apart.
  const clash = (k: number) => names.some((x, j) => j !== k && x === names[k]);
  const clashing = names.map((_, k) => clash(k));
  clashing.forEach((c, k) => {
    if (!c) return;
    const d = distinction(inputs[k]!);
    if (d) names[k] = versions ? d : `${inputs[k]!.shortTitle ?? baseTitle(inputs[k]!.title)}（${d}）`;
  });
  // Still the same (no dates either): numbered in order.
  const settled = names.slice();
  const numbered = settled.map((name, k) => (clash(k) ? `${name}（${settled.slice(0, k + 1).filter((x) => x === name).length}）` : name));
  return inputs.map((n, k) => ({ name: numbered[k]!, fullName: fullNameOf(n) }));
}

/** The title of a comparison of two texts: "…办法（修订草案与二次审议稿）修改对照稿", or "A与B对照". */
export function comparisonTitle(left: NameInput & Names, right: NameInput & Names): string {
  if (sameText([left, right])) return `${baseTitle(left.title)}（${left.name}与${right.name}）修改对照稿`;
  return `${left.fullName}与${right.fullName}对照`;
}
