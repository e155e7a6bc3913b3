/**
 * Chinese word segmentation, shared by search, compare and align: nodejieba behind one small interface,
 * with a legal user dictionary (electron/engine/segment/legal-dict.txt) so that terms of art such as
 * 中小微企业, 专精特新, 首台（套）, 无还本续贷 stay whole.
 */
export { dictionaryPath, getSegmenter, warmUpSegmenter, normaliseForSegmentation, type Segmenter, type Token, type TaggedWord } from './jieba';
