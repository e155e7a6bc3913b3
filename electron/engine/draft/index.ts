/**
 * Drafting aids, the documents legislative staff write once two versions are compared:
 *
 *   - `draftDecision(old, new, comparison, options)`: the 修改决定 — 《关于修改〈…〉的决定》 — that turns the
 *     old text into the new one, item by item in the conventional form (see decision.ts, templates.ts);
 *     `renderDecisionText(decision)` for copying and `renderDecisionDocx(decision)` in 公文 layout;
 *   - `checkReferences(version, { against? })`: every internal cross-reference (本条例第X条, 第X条第X款,
 *     前款, 前两款, 本章…) resolved; dangling ones flagged; with `against` (the old version and the
 *     comparison old → new), references still using the old numbering flagged `moved` with the number
 *     they should have, or `deleted` (see refs.ts); references to other laws set apart.
 *
 * Pure functions over plain data: versions in, plain serialisable objects out.
 */
export * from './types';
export { draftDecision } from './decision';
export { checkReferences, findReferences, numberingMap, citeTarget, type CheckOptions, type NumberingMap } from './refs';
export { scanChains, type Chain, type Citation } from './scan';
export { analysePhrases, applyPhrases, type PhraseAnalysis } from './words';
export { applyDecision, decisionDiscrepancies } from './apply';
export { defaultIssuer, lawTitle, regionName } from './templates';
export { renderDecisionDocx, renderDecisionText, decisionParagraphs } from './docx';
