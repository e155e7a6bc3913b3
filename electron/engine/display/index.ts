/**
 * The display stage: the 对照稿 as it is drawn — rows, sides, 款 and units, runs with marks, bands, notes,
 * relation labels — built once from a comparison and drawn by the Compare view, the terminal and the
 * report (HTML → PDF, .docx); and an article's 沿革 as columns of the same kind.
 */
export * from './types';
export { buildDisplay, chineseDate, LEGEND, RELATION_ORDER, rowKey, type DisplayInput, type DisplayOptions, type DisplaySideInput } from './build';
export { buildHistoryColumns, type HistoryInput, type HistoryStepInput } from './history';
export { baseTitle, columnNames, comparisonTitle, sameText, stageText, type NameInput, type Names } from './names';
