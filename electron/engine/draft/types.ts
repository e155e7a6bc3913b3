/**
 * The shapes of the drafting aids. CONTRACTS.md names `decision` (title, items[{n, op, old, new, text}],
 * text) and `refs` (references[{from, text, target, status, suggest?}]); every field named there is kept
 * with its meaning, the rest is what the UI and the export need beyond it.
 */

/** A provision in one version's numbering (1-based; `sub` for 第十条之一). */
export interface ProvisionRef {
  article: number;
  sub?: number;
  paragraph?: number;
  item?: number;
  /** For an item about a chapter (its title changed, or it is new): the chapter's number; `article` is then its first article. */
  chapter?: number;
}

export type DecisionOp =
  /** 将第五条修改为：“…” / 将第五条第二款修改为：“…” (a whole provision rewritten; may also renumber it). */
  | 'modify'
  /** 在第十三条后增加一条，作为第十四条：“…” */
  | 'add'
  /** 删去第二十条。 */
  | 'delete'
  /** Word level: 将第五条第二款中的“A”修改为“B”, 删去…中的“A”, 在…中的“A”后增加“B”. */
  | 'replace'
  /** 第三十一条增加一款，作为第二款：“…” */
  | 'add-paragraph'
  /** 第七十二条增加一项，作为第八项：“…” */
  | 'add-item'
  /** 删去第五条第二款。 */
  | 'delete-paragraph'
  /** 删去第五条第一款第三项。 */
  | 'delete-item'
  /** 原第四条作为第五条。 (item-by-item renumbering) */
  | 'renumber'
  /** An article that changes place among the others (not only its number): 将第二条移至第五条后，作为第六条。 */
  | 'move';

/** One phrase of a word-level item: `from` → `to` ("" = deleted); an insertion names its anchor. */
export interface PhraseEdit {
  kind: 'replace' | 'delete' | 'insert';
  /** The quoted old words (replace, delete); for an insertion, the anchor words. */
  from: string;
  /** The quoted new words (replace); for an insertion, the inserted words; "" for a deletion. */
  to: string;
  /** Insertion only: the new words go after the anchor ("后") or, at the very start, before it ("前"). */
  where?: 'after' | 'before';
}

export interface DecisionItem {
  /** 1-based, in the order of the decision. */
  n: number;
  /** "一、" — empty when the decision has a single item (it is then not numbered). */
  label: string;
  op: DecisionOp;
  /** The provision in the old text (absent for an added one). */
  old?: ProvisionRef;
  /** The provision in the new text (absent for a deleted one). */
  new?: ProvisionRef;
  /** The item as written, without its number ("将第三条修改为：“…”"). */
  text: string;
  /** Further old articles the item covers: 删去第十二条、第十三条; 将第六条和第七条合并修改为. */
  alsoOld?: ProvisionRef[];
  /** Further new articles: 增加两条，作为第十四条、第十五条. */
  alsoNew?: ProvisionRef[];
  /** The new text quoted by the item (modify, add, add-paragraph, add-item), as quoted. */
  quote?: string;
  /** Word-level phrases (op "replace"). */
  phrases?: PhraseEdit[];
}

/** Which convention the decision follows (see DecisionOptions.convention). */
export type DecisionConvention = 'npc' | 'court';

export interface DecisionOptions {
  /** The title of the law being amended: 湖南省实施《中华人民共和国中小企业促进法》办法. */
  title: string;
  /** Who decides: 湖南省人民代表大会常务委员会, 最高人民法院. Default: from `kind` and `jurisdiction`. */
  issuer?: string;
  /** The kind of the law (地方性法规, 司法解释, 法律, …): chooses the default convention and issuer. */
  kind?: string;
  /** 湖南, 浙江…: for the default issuer of a 地方性法规. */
  jurisdiction?: string;
  /**
   * `npc` (人大常委会): word-level items where one phrase changed, a whole 款/条 where much did, the
   * renumbering in one sentence. `court` (最高人民法院): an article that changes is rewritten whole
   * (将第X条修改为：“…”), its renumbering item by item (原第四条作为第五条). Default from `kind`: 司法解释 → court.
   */
  convention?: DecisionConvention;
  /** `items`: 原第四条作为第五条 for each article; `sentence`: 此外，对条文顺序作相应调整。 Default from the convention. */
  renumber?: 'items' | 'sentence';
  /** The meeting that decides (…第二十一次会议), else a blank the drafter fills. */
  meeting?: string;
  /** The date the decision takes effect (2021年1月1日), else a blank. */
  effective?: string;
}

export interface Decision {
  /** 湖南省人民代表大会常务委员会关于修改《湖南省实施〈中华人民共和国中小企业促进法〉办法》的决定 */
  title: string;
  /** 根据…，经…决定，对《…》作如下修改： */
  opening: string;
  items: DecisionItem[];
  /** 此外，对条文顺序作相应调整。 (sentence renumbering and formal changes), or null. */
  sentence: string | null;
  /** 本决定自…起施行。 and 《…》根据本决定作相应修改，重新公布。 */
  closing: string[];
  /** The whole decision as plain text, one paragraph a line (for copying). */
  text: string;
  convention: DecisionConvention;
  renumber: 'items' | 'sentence';
  /** Every article whose number changes, old → new (whether written as items or as the sentence). */
  renumbering: Array<{ old: ProvisionRef; new: ProvisionRef }>;
  /** Articles whose only changes are formal (punctuation, width), folded into the sentence. */
  formalOnly: ProvisionRef[];
  /**
   * So much changed that the convention is a 修订 (the whole new text is enacted): `advised` and a
   * Chinese note saying why; the items are still produced.
   */
  revision: { advised: boolean; changedArticles: number; oldArticles: number; note: string | null };
}

// ---- cross-references ----------------------------------------------------------------------------

export type ReferenceStatus = 'ok' | 'dangling' | 'moved' | 'deleted';

/** Where a reference is written: the article, its 款, and the 项 (目) when it stands in one. */
export interface ReferenceSite {
  article: number;
  sub?: number;
  /** 1-based 款. */
  paragraph: number;
  item?: number;
  subitem?: number;
  /** "第十三条第二款" */
  label: string;
}

/** What a reference points at: a provision, a run of them, or a chapter / section. */
export interface ReferenceTarget extends ProvisionRef {
  /** The last provision of a range (第十条至第十五条, 前两款, 第一至第四项). */
  through?: ProvisionRef;
  /** 本章 / 第三章 (chapter number), 本节 / 第二节 (section number within it), 第一编 (part). */
  part?: number;
  chapter?: number;
  section?: number;
}

export interface Reference {
  from: ReferenceSite;
  /** The reference as written, including its 本条例/本办法 (e.g. "本条例第四十五条第三项", "前款"). */
  text: string;
  /** The part naming this target, when `text` lists several (第十条、第十二条 → "第十二条"). */
  cited: string;
  /** Offsets of `cited` in the unit text it stands in (the 款's lead-in, or the 项, or the 目). */
  start: number;
  end: number;
  /** How it names its target: explicit (本条例第X条), bare (第X条), relative (前款, 本条, 本章). */
  form: 'explicit' | 'bare' | 'relative';
  kind: 'article' | 'paragraph' | 'item' | 'chapter' | 'section';
  target: ReferenceTarget | null;
  status: ReferenceStatus;
  /**
   * What the reference points at in this version, as a citation ("第四十五条第一款第三项", "第二章"): for the
   * page and the report, which cannot resolve a target themselves. Absent when there is no target.
   */
  targetLabel?: string;
  /** For `moved`: the citation it should now read ("第三十五条", "第十条第二款"). */
  suggest?: string;
  /** For anything not `ok`: why, in Chinese (from the message catalogue). */
  message?: string;
}

/** A reference to another law (《中华人民共和国…法》第X条, 该法第X条, 刑法第X条): recognised, not checked. */
export interface ExternalReference {
  from: ReferenceSite;
  /** "《中华人民共和国中小企业促进法》第三十九条" */
  text: string;
  /** The law as written before the citation ("《中华人民共和国中小企业促进法》", "该法", "刑法"). */
  law: string;
  start: number;
  end: number;
}

export interface ReferenceReport {
  references: Reference[];
  external: ExternalReference[];
  /** Counts by status (the badge: everything not `ok`). */
  counts: Record<ReferenceStatus, number>;
  /** Whether the check was made against an old version (carried-over numbers can be `moved`). */
  against: boolean;
}
