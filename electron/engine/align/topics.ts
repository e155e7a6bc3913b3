/**
 * Topics: the articles of all selected documents grouped so that each group deals with one subject.
 *
 * Built from the accepted candidates (match.ts) in two passes:
 *   1. mutual best matches (a's best in B is b and b's best in A is a) join their groups, strongest first;
 *   2. an article still alone joins the group of its best one-sided counterpart ("neighbour"), unless
 *      that group already has an article of its document which the counterpart prefers.
 * A group never takes more than MAX_PER_DOCUMENT articles of one document, which stops chains of
 * matches from collapsing a whole chapter into one topic. Articles that find no group stay topics of
 * their own: the matrix shows them with gaps in the other documents, which is itself an answer ("only
 * Shenzhen regulates 反垄断").
 */
import { similarity, type Corpus } from './corpus';
import type { Selection } from './match';

const MAX_PER_DOCUMENT = 3;
/**
 * An article joins a group only if it resembles the group's other members (of other documents than its
 * own, besides the one it is matched to) on average at least this share of the match that brings it in: a
 * chain of matches (浙35 ~ 湘7 on tax relief, 浙35 ~ 深59 on 优惠政策 of finance companies) must not make
 * one topic of two subjects.
 */
const COHESION = 0.3;

export interface TopicGroup {
  /** Unit indices, ordered by document then position. */
  units: number[];
}

class Groups {
  private readonly parent: Int32Array;
  private readonly members: number[][];
  /** counts[root * docs + d] = members of document d in the group whose root is `root`. */
  private readonly counts: Int32Array;
  constructor(
    private readonly corpus: Corpus,
    private readonly docs: number,
  ) {
    const n = corpus.units.length;
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.members = Array.from({ length: n }, (_, i) => [i]);
    this.counts = new Int32Array(n * docs);
    corpus.units.forEach((u, i) => {
      this.counts[i * docs + u.doc] = 1;
    });
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  size(x: number): number {
    const r = this.find(x);
    let s = 0;
    for (let d = 0; d < this.docs; d++) s += this.counts[r * this.docs + d]!;
    return s;
  }
  /** True when the group of x has an article of document d. */
  has(x: number, d: number): boolean {
    return this.counts[this.find(x) * this.docs + d]! > 0;
  }
  /**
   * True when `x`, matched to `partner`, resembles the other members of group `root` (those of other
   * documents than x's) on average at least `min`.
   */
  private fits(x: number, partner: number, root: number, min: number): boolean {
    const doc = this.corpus.units[x]!.doc;
    let sum = 0;
    let n = 0;
    for (const y of this.members[root]!) {
      if (y === partner || y === x || this.corpus.units[y]!.doc === doc) continue;
      sum += similarity(this.corpus, x, y);
      n++;
    }
    return n === 0 || sum / n >= min;
  }
  /**
   * Joins the groups of a and b (matched with `score`) unless that would put too many articles of one
   * document together, or a or b does not fit the other's group.
   */
  join(a: number, b: number, score: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    for (let d = 0; d < this.docs; d++) {
      if (this.counts[ra * this.docs + d]! + this.counts[rb * this.docs + d]! > MAX_PER_DOCUMENT) return false;
    }
    const min = COHESION * score;
    if (!this.fits(b, a, ra, min) || !this.fits(a, b, rb, min)) return false;
    this.parent[rb] = ra;
    this.members[ra]!.push(...this.members[rb]!);
    this.members[rb] = [];
    for (let d = 0; d < this.docs; d++) this.counts[ra * this.docs + d]! += this.counts[rb * this.docs + d]!;
    return true;
  }
}

export function groupTopics(corpus: Corpus, selection: Selection): TopicGroup[] {
  const docs = corpus.docStart.length - 1;
  const mutual: Array<[number, number, number]> = [];
  const oneSided: Array<[number, number, number]> = [];
  selection.candidates.forEach((perDoc, u) => {
    for (const list of perDoc) {
      const first = list[0];
      if (!first || first.rank !== 1 || !first.accepted) continue;
      if (first.mutual) {
        if (u < first.unit) mutual.push([u, first.unit, first.score]);
      } else oneSided.push([u, first.unit, first.score]);
    }
  });
  const byScore = (x: [number, number, number], y: [number, number, number]) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1];
  mutual.sort(byScore);
  oneSided.sort(byScore);

  const groups = new Groups(corpus, docs);
  for (const [a, b, score] of mutual) groups.join(b, a, score);
  // A neighbour joins a group that already has an article of its own document only if the article it
  // points to lists it among its candidates too (浙江 60 takes both 深圳 74 and 75; 浙江 63 does not take
  // 深圳 21, whose only tie to 第三方评估 is the phrase 第三方机构).
  const accepts = (b: number, a: number) => selection.candidates[b]![corpus.units[a]!.doc]!.some((c) => c.unit === a && c.accepted);
  for (const [a, b, score] of oneSided) {
    if (groups.size(a) !== 1) continue;
    if (groups.has(b, corpus.units[a]!.doc) && !accepts(b, a)) continue;
    groups.join(b, a, score);
  }

  const byRoot = new Map<number, number[]>();
  corpus.units.forEach((_, u) => {
    const r = groups.find(u);
    const list = byRoot.get(r);
    if (list) list.push(u);
    else byRoot.set(r, [u]);
  });
  return orderTopics(corpus, [...byRoot.values()].map((units) => ({ units: units.sort((x, y) => x - y) })));
}

/**
 * Rows in reading order: the topics of the first document in its order; a topic without an article of the
 * first document goes right after the topic of the preceding article of its own document, so that, e.g.,
 * Shenzhen's 反垄断 row sits among Shenzhen's neighbouring provisions.
 */
function orderTopics(corpus: Corpus, topics: TopicGroup[]): TopicGroup[] {
  const docs = corpus.docStart.length - 1;
  const topicOf = new Int32Array(corpus.units.length);
  topics.forEach((t, i) => t.units.forEach((u) => (topicOf[u] = i)));
  const order: number[] = [];
  const placed = new Uint8Array(topics.length);
  for (let d = 0; d < docs; d++) {
    let after = -1; // position in `order` of the topic of the previous article of d
    for (let u = corpus.docStart[d]!; u < corpus.docStart[d + 1]!; u++) {
      const t = topicOf[u]!;
      if (placed[t]) {
        after = order.indexOf(t);
        continue;
      }
      order.splice(after + 1, 0, t);
      placed[t] = 1;
      after = after + 1;
    }
  }
  return order.map((i) => topics[i]!);
}
