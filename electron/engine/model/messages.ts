/**
 * Every sentence Duizhao says to a person, in one catalogue: a stable English code → a Chinese sentence.
 *
 * Programs read the code (warnings and errors carry it in JSON as `code` / `reason`); people read the
 * sentence. A message is made only here — `say(code, params)`, `warning(...)`, `fail(...)` — so the
 * wording stays consistent across the parser, the import, the CLI and the app, and a test checks that
 * every sentence is Chinese. Browser-safe: no imports but the error type.
 *
 * Conventions of the wording: full-width punctuation; numbers in Arabic digits; article labels as the
 * law writes them (第十三条); file names and REFs quoted as given.
 */
import { DuizhaoError, type ErrorCode } from './errors';
import type { Warning } from './types';

type P = Record<string, string | number>;

const FIELD_NAMES: Record<string, string> = {
  title: '标题',
  jurisdiction: '地区',
  kind: '类型',
  stage: '阶段',
  adopted: '通过日期',
  effective: '施行日期',
  published: '公布日期',
  drafted: '起草日期',
  amended: '修正/修订日期',
};

/** The Chinese name of a metadata field or date ("title" → 标题). */
export function fieldName(key: string): string {
  return FIELD_NAMES[key] ?? key;
}

export const MESSAGES = {
  // ---- parse: warnings with the source line ----------------------------------------------------
  'parse.bookmark_removed': () => '删除了 Word 书签残留（[bookmark: …]）',
  'parse.comment_removed': () => '删除了一段 HTML 注释（不属于正文）',
  'parse.midline_split': (p: { label: string }) => `${p.label}从行中间开始，已拆为单独一行`,
  'parse.line_joined': (p: { line: number; prev: number }) => `第 ${p.line} 行接续第 ${p.prev} 行的句子（排版断行），已合并`,
  'parse.chapter_intro': (p: { label: string }) => `${p.label}标题与其第一条之间的文字，保留为该章的引言`,
  'parse.stray_text': () => '这段文字不属于任何条或章，保留在序言中',
  'parse.cell_without_article': () => '表格单元格不以条开头，已并入本栏的上一条',
  'parse.article_empty': (p: { label: string }) => `${p.label}没有正文`,
  'parse.implicit_chapter': (p: { label: string; first: string; last: string; next: string }) =>
    `缺少${p.label}标题：${p.first}至${p.last}位于${p.next}之前，已归入补出的${p.label}`,
  'parse.articles_before_chapter': (p: { n: number }) => `有 ${p.n} 条位于第一个章标题之前，不属于任何章`,
  'parse.duplicate_article': (p: { label: string }) => `${p.label}重复出现`,
  'parse.article_out_of_order': (p: { label: string; prev: string }) => `${p.label}顺序有误：位于${p.prev}之后`,
  'parse.numbering_gap': (p: { missing: string; label: string }) => `条文编号不连续：${p.label}之前缺少${p.missing}`,
  'parse.chapter_numbering': (p: { label: string; prev: string }) => `章的编号不连续：${p.label}位于${p.prev}之后`,
  'parse.table_of_contents': (p: { n: number }) => `正文之前的目录（${p.n} 行）保留在序言中，未当作章节`,
  'parse.odd_cells': (p: { n: number }) => `对照表的单元格数为奇数（${p.n} 个），最后一行不完整`,
  'parse.no_articles': () => '没有找到条文（第X条）或编号项（（一）…），全文保留为序言',
  'parse.item_out_of_sequence': (p: { label: string; expected: string }) => `项${p.label}编号不连续：此处应为${p.expected}`,
  'parse.subitem_without_item': (p: { label: string }) => `目“${p.label}”上方没有项，保留为一款`,
  'parse.empty_text': (p: { name: string }) => `${p.name}：文本是空的`,
  'parse.heading_joined': (p: { line: number; prev: number }) => `第 ${p.line} 行接续第 ${p.prev} 行的标题（标题跨两行），已合并`,
  'parse.damaged_label': (p: { label: string; number: string }) => `条号“${p.label}”书写有误，按位置读作第${p.number}条`,
  'parse.run_on_article': (p: { label: string }) => `${p.label}与上一条连写在同一行（以“。 ”相接），已拆为单独一条`,
  'parse.item_continued': (p: { label: string }) => `这一行没有项号，位于两项之间，已并入项${p.label}`,
  'parse.item_label_missing': (p: { expected: string }) => `这一行缺少项号，按位置读作项${p.expected}`,

  // ---- ingest: reading files ----------------------------------------------------------------------
  'ingest.empty': (p: { name: string }) => `${p.name}：文件是空的`,
  'ingest.no_text': (p: { name: string }) => `${p.name}：文件中没有文字`,
  'ingest.unsupported': (p: { name: string; what: string; formats: string }) => `${p.name}：不能导入${p.what}；支持的格式为 ${p.formats}`,
  'ingest.unsupported_ext': (p: { ext: string }) => `${p.ext} 文件`,
  'ingest.unsupported_noext': () => '没有扩展名、内容也无法识别的文件',
  'ingest.unsupported_zip': () => '不是 Word 文档的压缩包',
  'ingest.bad_declared_encoding': (p: { name: string; encoding: string }) => `${p.name}：文件声明为 ${p.encoding} 编码，但内容不是有效的 ${p.encoding}`,
  'ingest.binary': (p: { name: string }) => `${p.name}：这是二进制文件，不是文本`,
  'ingest.undecodable': (p: { name: string }) => `${p.name}：无法识别文本编码（既不是 UTF-8、UTF-16，也不是 GB18030/GBK）`,
  'ingest.doc_encrypted': (p: { name: string }) => `${p.name}：Word 文件有密码保护；请在 Word 中去掉密码（文件 → 信息 → 保护文档）后再导入`,
  'ingest.doc_legacy': (p: { name: string }) => `${p.name}：这是旧版 Word 97–2003（.doc）文件；请在 Word 或 WPS 中另存为 .docx 后再导入`,
  'ingest.docx_not_zip': (p: { name: string }) => `${p.name}：Word 文件已损坏（不是有效的 .docx 压缩包）`,
  'ingest.docx_no_document': (p: { name: string }) => `${p.name}：这是一个压缩包，但不是 Word 文档（缺少 word/document.xml）`,
  'ingest.docx_too_large': (p: { name: string; mb: string; limit: number }) => `${p.name}：Word 文档的正文解压后有 ${p.mb} MB，超过上限 ${p.limit} MB`,
  'ingest.docx_damaged': (p: { name: string }) => `${p.name}：Word 文件已损坏，无法读取正文`,
  'ingest.pdf_encrypted': (p: { name: string }) => `${p.name}：PDF 有密码保护；请打开后另存一份无保护的副本，再导入该副本`,
  'ingest.pdf_damaged': (p: { name: string }) => `${p.name}：PDF 已损坏，或者不是 PDF 文件`,
  'ingest.pdf_no_text': (p: { name: string }) => `${p.name}：PDF 没有文字层（可能是扫描件）；请先做文字识别（OCR），或导入 Word、文本版本`,
  'ingest.pdf_pages_without_text': (p: { pages: string; total: number }) => `PDF 共 ${p.total} 页，其中第 ${p.pages} 页没有文字层（扫描件？），这些页的文字缺失`,
  'ingest.wide_table': (p: { width: number }) => `一个 ${p.width} 栏的表格已逐格读取（只有两栏的表格才当作修改对照稿读取）`,
  'ingest.pdf_radicals': (p: { n: number }) => `PDF 文字层中有 ${p.n} 个字符用了字形相同的部首字符（⼀ ⼈ ⺠…），已按印刷的汉字读取`,

  // ---- library ----------------------------------------------------------------------------------
  'library.corpus_missing': (p: { start: string }) => `找不到内置文库：${p.start} 及其上级目录中没有 corpus/manifest.json`,
  'library.field_not_text': (p: { field: string }) => `${fieldName(p.field)}必须是文字`,
  'library.field_empty': (p: { field: string }) => `${fieldName(p.field)}不能为空`,
  'library.field_too_long': (p: { field: string; max: number }) => `${fieldName(p.field)}超过 ${p.max} 个字`,
  'library.dates_not_object': () => '日期（dates）必须是一个对象',
  'library.unknown_date': (p: { key: string; keys: string }) => `未知的日期“${p.key}”；可用的有 ${p.keys}`,
  'library.bad_date': (p: { key: string; value: string }) => `${fieldName(p.key)}须写作“年-月-日”（YYYY-MM-DD，或 YYYY-MM、YYYY），而不是“${p.value}”`,
  'library.no_such_version': (p: { source: string; n: number; version: number }) =>
    p.n > 1 ? `${p.source} 共有 ${p.n} 个版本（@0–@${p.n - 1}），没有 @${p.version}` : `${p.source} 只有一个版本（@0），没有 @${p.version}`,
  'library.not_a_file': (p: { path: string }) => `${p.path} 不是文件`,
  'library.no_such_file': (p: { path: string }) => `没有名为“${p.path}”的文件`,
  'library.read_back_failed': (p: { id: string }) => `导入的文档 ${p.id} 无法读回`,
  'library.corpus_readonly': (p: { id: string; action: string }) => `${p.id} 属于内置文库，不能${p.action}；只有导入的文档可以`,
  'library.action_edit': () => '修改',
  'library.action_remove': () => '删除',
  'library.no_such_import': (p: { id: string }) => `文库中没有导入的文档“${p.id}”`,
  'library.no_such_document': (p: { id: string }) => `文库中没有文档“${p.id}”`,
  'library.no_such_document_or_file': (p: { path: string }) => `没有名为“${p.path}”的文档或文件`,
  'library.too_large': (p: { name: string; mb: string; limit: number }) => `${p.name}：文件有 ${p.mb} MB，超过上限 ${p.limit} MB`,
  'library.duplicate': (p: { name: string; id: string; title: string }) => `${p.name} 已在文库中（编号“${p.id}”，${p.title}），未重复导入`,
  'library.no_free_id': (p: { base: string }) => `无法为 ${p.base} 分配文库编号`,
  'library.import_first': (p: { name: string; path: string }) => `${p.name}：请先导入（duizhao import ${p.path}），再用它的文库编号`,
  'library.no_articles': (p: { name: string }) => `${p.name}：文本中没有找到条文（第X条）或编号项（（一）…），没有可对照的内容；未导入`,
  'library.listener_failed': (p: { detail: string }) => `文库变更通知失败：${p.detail}`,
  'library.test_pause': (p: { stage: string }) => `导入在 ${p.stage} 处暂停（测试用）`,
  'library.read_only': () => '这个文库不能导入文档（只读）',
  'library.missing_ref': (p: { what: string }) => `缺少文档引用（${p.what}）`,
  'library.empty_ref': () => '文档引用是空的',

  // ---- compare, export, align, annotate -------------------------------------------------------------
  'compare.one_version': (p: { ref: string }) => `${p.ref} 只有一个版本；请再指定一份文档与它对照`,
  'compare.no_article': (p: { ref: string; label: string }) => `${p.ref} 中没有${p.label}`,
  'export.no_version': (p: { ref: string; version: number }) => `${p.ref}：没有版本 @${p.version}`,
  'export.unknown_format': (p: { format: string }) => `未知的导出格式“${p.format}”（可用 pdf、docx 或 html）`,
  'export.file_exists': (p: { path: string }) => `${p.path} 已存在；如要覆盖请加 --force`,
  'align.need_two': () => '请至少选择两份文档',
  'align.no_version': (p: { ref: string; version: number }) => `${p.ref}：没有版本 @${p.version}`,
  'align.selected_twice': (p: { ref: string }) => `${p.ref} 被选了两次`,
  'align.no_article': (p: { ref: string; label: string }) => `${p.ref} 中没有${p.label}`,
  'align.confidence.high': () => '高',
  'align.confidence.medium': () => '中',
  'align.confidence.low': () => '低',
  'align.matrix.title': (p: { names: string }) => `主题对照表（${p.names}）`,
  'align.matrix.kind': () => '主题对照表',
  'align.matrix.summary': (p: { documents: number; topics: number; shared: number }) => `${p.documents} 份文档，${p.topics} 个主题，其中 ${p.shared} 个为两份以上文档共有`,
  'align.matrix.legend': () => '每格列出该文档中属于本主题的条文；标“？”的为可能对应的条文（置信度中或低），“—”表示该文档没有涉及本主题的条款',
  'align.matrix.generated': (p: { when: string }) => `生成时间：${p.when}`,
  'align.matrix.topic': () => '主题',
  'align.matrix.chapter': () => '所在章',
  'align.matrix.documents': () => '对照文档',
  'align.matrix.name': () => '简称',
  'align.matrix.doc_title': () => '标题',
  'align.matrix.ref': () => '文档',
  'align.matrix.jurisdiction': () => '地区',
  'align.matrix.articles': () => '条数',
  'align.matrix.sheet_texts': () => '主题对照（条文）',
  'align.matrix.sheet_numbers': () => '主题对照（条号）',
  'align.matrix.sheet_documents': () => '对照文档',
  'align.matrix.guess': (p: { label: string; confidence: string }) => `${p.label}？（可能对应，置信度${p.confidence}）`,
  'annotate.bad_target': (p: { why: string }) => `批注目标无效：${p.why}`,
  'annotate.tags_not_list': () => '标签（tags）须为文字列表',
  'annotate.tag_not_text': () => '标签须为文字',
  'annotate.tag_too_long': (p: { tag: string; max: number }) => `标签“${p.tag}…”超过 ${p.max} 字`,
  'annotate.too_many_tags': (p: { max: number }) => `一条批注最多 ${p.max} 个标签`,
  'annotate.body_not_text': () => '批注内容（body）须为文字',
  'annotate.body_empty': () => '批注内容不能为空',
  'annotate.body_too_long': (p: { max: number }) => `批注内容超过 ${p.max} 字`,
  'annotate.file_not_json': (p: { detail: string }) => `批注文件不是有效的 JSON（${p.detail}）`,
  'annotate.file_not_object': () => '批注文件的内容不是对象',
  'annotate.file_newer': (p: { version: string; supported: number }) =>
    `批注文件的格式版本为 ${p.version}，由更新版本的 Duizhao 写入；本版本只能读取版本 ${p.supported}`,
  'annotate.file_no_version': () => '批注文件缺少有效的格式版本（version）',
  'annotate.file_no_list': () => '批注文件缺少批注列表（annotations）',
  'annotate.note_not_object': () => '批注须为对象',
  'annotate.note_no_id': () => '批注缺少编号（id）',
  'annotate.note_duplicate_id': (p: { id: string }) => `批注编号“${p.id}”重复`,
  'annotate.note_no_time': () => '批注缺少时间（created / updated）',
  'annotate.note_invalid': (p: { n: number; detail: string }) => `第 ${p.n} 条批注：${p.detail}`,
  'annotate.note_exists': (p: { id: string }) => `批注 ${p.id} 已存在`,
  'annotate.no_such_note': (p: { id: string }) => `没有编号为 ${p.id} 的批注`,
  'annotate.read_only': (p: { detail: string }) => `${p.detail}。为免覆盖，批注暂时只读。`,
  'file.no_folder': (p: { dir: string }) => `文件夹 ${p.dir} 不存在`,
  'file.gone': () => '文件不存在（可能已被移动或删除）',
  'file.no_permission': () => '没有读取该文件的权限',
  'file.is_folder': () => '所选的是文件夹，不是文件',
  'file.busy': () => '文件正被其他程序占用',
  'file.unreadable': (p: { code: string }) => `系统无法读取该文件（${p.code || '未知错误'}）`,
  'shell.file_too_large': (p: { name: string; limit: number }) => `${p.name} 超过 ${p.limit} MB 的导入上限`,
  'shell.cannot_read': (p: { name: string; why: string }) => `无法读取 ${p.name}：${p.why}`,
  'shell.start_failed_title': () => '对照无法启动',
  'shell.start_failed': (p: { detail: string }) => `启动时出错：${p.detail}`,
  'pdf.chromium_path_missing': (p: { path: string }) => `CHROMIUM_PATH 指向的 ${p.path} 不存在`,
  'pdf.no_chromium': () => '找不到 Chromium，无法生成 PDF：请安装 chromium 与 fonts-noto-cjk（apt-get install chromium fonts-noto-cjk），或设置 CHROMIUM_PATH',
  'annotate.kept_aside': (p: { detail: string; kept: string }) => `${p.detail}；原文件已另存为 ${p.kept}`,

  // ---- drafting aids: cross-references and the 修改决定 ----------------------------------------------
  'refs.no_article': (p: { label: string }) => `本文件没有${p.label}`,
  'refs.no_paragraph': (p: { label: string; n: number; paragraph: string }) => `${p.label}只有 ${p.n} 款，没有第${p.paragraph}款`,
  'refs.no_item': (p: { label: string; item: string }) => `${p.label}没有第${p.item}项`,
  'refs.no_previous': (p: { label: string; what: string }) => `${p.label}之前没有可指的“${p.what}”`,
  'refs.no_previous_article': (p: { label: string }) => `${p.label}之前没有条文，“前条”无所指`,
  'refs.no_chapter': (p: { label: string }) => `本文件没有${p.label}`,
  'refs.no_section': (p: { label: string }) => `本文件没有${p.label}`,
  'refs.not_in_chapter': (p: { label: string }) => `${p.label}不在任何一章中，“本章”无所指`,
  'refs.not_in_part': (p: { label: string }) => `${p.label}不在任何一编中，“本编”无所指`,
  'refs.not_in_section': (p: { label: string }) => `${p.label}不在任何一节中，“本节”无所指`,
  'draft.revision_advised': (p: { changed: number; total: number }) =>
    `原文 ${p.total} 条中有 ${p.changed} 条被修改、删除或新增，超过半数；按立法惯例宜采用修订方式（公布修订后的全文），以下修改事项可作起草参考`,
  'refs.moved': (p: { old: string; now: string }) => `这里引用的是原${p.old}，该条文现为${p.now}，编号未随之调整`,
  'refs.deleted': (p: { old: string }) => `这里引用的原${p.old}已被删除`,

  // ---- the API and the engine thread ----------------------------------------------------------------
  'api.unknown_method': (p: { method: string }) => `未知的接口方法：${p.method}`,
  'api.not_object': () => '请求必须是一个 JSON 对象',
  'api.internal': (p: { detail: string }) => `内部错误：${p.detail}`,
  'api.untrusted_frame': () => '拒绝来自未知页面的调用',
  'api.missing_field': (p: { field: string }) => `缺少${p.field}`,
  'api.missing_article': () => '缺少条号（article）',
  'api.missing_note_id': () => '缺少批注编号（id）',
  'api.not_text': (p: { field: string }) => `${p.field}须为文字`,
  'api.not_string_list': (p: { field: string }) => `${p.field} 必须是字符串数组`,
  'api.not_year_list': () => 'years 必须是年份数组',
  'api.non_negative': (p: { field: string }) => `${p.field} 须为非负整数`,
  'search.unsupported': () => '此文库不支持检索',
  'search.query_too_long': (p: { max: number }) => `检索词过长（最多 ${p.max} 字）`,
  'cli.no_such_doc_flag': (p: { id: string }) => `--doc ${p.id}：没有这份文档（见 duizhao list）`,
  'cli.needs_year': (p: { value: string }) => `--year 须为年份（如 2023），而不是“${p.value}”`,
  'api.int_range': (p: { field: string; min: number; max: number }) => `${p.field} 须为 ${p.min}–${p.max} 的整数`,
  'api.bad_base64': () => '文件内容不是有效的 base64',
  'api.meta_not_object': () => 'meta 必须是一个对象',
  'engine.stopped': (p: { detail: string }) => `分析引擎意外停止：${p.detail}`,
  'engine.exited': (p: { code: number }) => `分析引擎意外停止（退出码 ${p.code}），下一次操作时会自动重启`,
  'engine.closed': () => '分析引擎已关闭',
  'engine.warm_up_failed': (p: { detail: string }) => `分析引擎预热失败：${p.detail}`,
  'engine.search_index_failed': (p: { detail: string }) => `检索索引出错：${p.detail}`,
  'engine.restarted': () => '分析引擎因一项操作未能及时停止而重新启动；请重试',

  // ---- long work: progress, cancellation, time limits ---------------------------------------------
  'job.cancelled': () => '操作已取消',
  'job.timeout': (p: { seconds: number }) => `操作超过 ${p.seconds} 秒仍未完成，已停止`,
  'job.bad_id': () => '任务编号（job）须为 1–64 个字母、数字或连字符',
  'progress.upload': (p: { name: string }) => `正在传送 ${p.name}`,
  'progress.read': (p: { name: string }) => `正在读取 ${p.name}`,
  'progress.parse': (p: { name: string }) => `正在解析 ${p.name}`,
  'progress.write': (p: { name: string }) => `正在写入文库：${p.name}`,
  'progress.compare': (p: { left: string; right: string }) => `正在对照 ${p.left} 与 ${p.right}`,
  'progress.draft': (p: { left: string; right: string }) => `正在起草 ${p.left} → ${p.right} 的修改决定…`,
  'progress.report': () => '正在编排对照稿',
  'progress.render': (p: { format: string }) => `正在生成 ${p.format} 文件`,
  'progress.print': () => '正在打印 PDF',
  'progress.align': (p: { n: number }) => `正在比对 ${p.n} 份文档的条文`,

  // ---- history: an article through the versions of a text -------------------------------------------
  'history.no_chain': (p: { ref: string }) => `${p.ref} 不属于任何版本链，也没有第二个版本，无法显示沿革`,
  'history.not_in_chain': (p: { ref: string }) => `${p.ref} 不在所给的版本链中`,
  'history.chain_too_short': () => '沿革需要至少两个版本',
  'history.chain_too_long': (p: { max: number }) => `版本链最多 ${p.max} 个版本`,
  'history.title': (p: { label: string; chain: string }) => `${p.label}的沿革：${p.chain}`,
  'history.absent_before': () => '（尚无此条）',
  'history.absent_after': () => '（已删除）',
  'history.from': (p: { labels: string }) => `自${p.labels}`,
  'history.renumbered': () => '重新编号',

  // ---- the page's connection to the local service ----------------------------------------------------
  'client.service_down': () => '无法连接到本地服务，请确认 Duizhao 仍在运行。',
  'client.bad_answer': (p: { status: number }) => `本地服务返回了无法识别的应答（HTTP ${p.status}）。`,
  'client.request_failed': () => '请求未能送达本地服务（连接中断，或浏览器一时资源不足）；本地服务仍在运行，请稍后重试。',
  'client.file_unreadable': (p: { name: string }) => `无法读取文件 ${p.name}。`,

  // ---- the command line ----------------------------------------------------------------------------
  'cli.unknown_command': (p: { name: string }) => `未知命令“${p.name}”；运行 duizhao help 查看所有命令`,
  'cli.unknown_option': (p: { name: string; options: string }) => `未知选项 --${p.name}（本命令的选项：${p.options}）`,
  'cli.no_options': () => '无',
  'cli.needs_value': (p: { name: string }) => `--${p.name} 需要一个值`,
  'cli.needs_number': (p: { name: string; value: string }) => `--${p.name} 须为数字，而不是“${p.value}”`,
  'cli.needs_positive': (p: { name: string; value: string }) => `--${p.name} 须为不小于 1 的整数，而不是“${p.value}”`,
  'cli.unexpected_argument': (p: { arg: string }) => `多余的参数“${p.arg}”`,
  'cli.usage': (p: { usage: string }) => `用法：${p.usage}`,
  'cli.help_header': () => 'duizhao —— 中国法律文本对照（对照稿、检索、跨地区比对）',
  'cli.help_commands': () => '命令：',
  'cli.help_ref': () => 'REF：内置文档编号（如 zhejiang-2023）、文库编号或文件路径；REF@N 指第 N 个版本（从 0 起）。',
  'cli.needs': (p: { what: string; usage: string }) => `${p.what}。用法：${p.usage}`,
  'cli.not_article_number': (p: { query: string }) => `“${p.query}”不是条号（可写 13、十三、第十三条、10之1）`,
  'cli.no_such_paragraph': (p: { label: string; n: number; paragraph: number }) => `${p.label}只有 ${p.n} 款，没有第 ${p.paragraph} 款`,
  'cli.quote_not_found': (p: { quote: string; label: string }) => `「${p.quote}」不在${p.label}中`,
  'cli.annotations_missing': (p: { file: string }) => `批注文件 ${p.file} 不存在`,
  'cli.annotations_unreadable': (p: { file: string; detail: string }) => `批注文件 ${p.file} 无法读取：${p.detail}`,
  'cli.export_needs_target': () => '请指定要写出的文件：--pdf 文件、--docx 文件 或 --html 文件',
  'cli.nothing_to_edit': () => '没有要修改的内容：请给出 --title、--jurisdiction、--kind、--stage 或某个日期',
  'cli.annotate_subcommand': (p: { usage: string }) => `annotate 后面须接 add、list、edit 或 remove（${p.usage}）`,
  'cli.failed': (p: { detail: string }) => `出错：${p.detail}`,
  'cli.line': (p: { line: number; message: string }) => `第 ${p.line} 行：${p.message}`,
  'cli.warnings': (p: { n: number; repairs: number }) => `解析提示 ${p.n} 条${p.repairs ? `（另有 ${p.repairs} 处自动修复）` : ''}`,
  'cli.imported': (p: { id: string; title: string }) => `已导入 ${p.id}：${p.title}`,
  'cli.imported_use': (p: { id: string }) => `之后可用编号 ${p.id} 引用它（例如 duizhao compare ${p.id} zhejiang-2023）`,
  'cli.reading': (p: { file: string; pct: number }) => `正在读取 ${p.file}：${p.pct}%`,
  'cli.removed': (p: { id: string; title: string }) => `已从文库删除 ${p.id}${p.title ? `（${p.title}）` : ''}`,
  'cli.note_removed': (p: { id: string }) => `已删除批注 ${p.id}`,
  'cli.tag_imported': () => '［已导入］',
  'cli.outline_counts': (p: { chapters: number; articles: number }) => `${p.chapters} 章 ${p.articles} 条`,
  'cli.written': (p: { file: string; kb: number }) => `已写出 ${p.file}（${p.kb} KB）`,
  'cli.this_version': () => '该版本',
  'cli.export_comparing': (p: { left: string; right: string }) => `正在对照 ${p.left} 与 ${p.right}…`,
  'cli.export_printing': () => '正在用无界面 Chromium 打印 PDF…',
  'cli.export_done': (p: { rows: number; notes: number; unplaced: number; ms: number }) =>
    `共 ${p.rows} 行，批注 ${p.notes} 条${p.unplaced ? `（其中 ${p.unplaced} 条无处安放）` : ''}，用时 ${p.ms} 毫秒`,

  'cli.summary.list': () => '列出内置文库和你的文库中的文档',
  'cli.summary.parse': () => '解析一份文档：显示提纲，或以 JSON 输出完整结构',
  'cli.summary.compare': () => '对照两个版本：条文对应关系和修改标记（对照稿）',
  'cli.summary.align': () => '按主题比对多份文档的条文（主题 × 地区矩阵，或以 JSON 输出候选）',
  'cli.summary.export': () => '导出对照稿（PDF、Word、HTML），附批注',
  'cli.summary.annotate': () => '添加、列出、修改、删除批注',
  'cli.summary.import': (p: { mb: number }) => `把 .txt/.md/.docx/.pdf/.html 文件加入文库（每个不超过 ${p.mb} MB）`,
  'cli.summary.edit': () => '修改导入文档的信息（日期留空即清除）',
  'cli.summary.remove': () => '从文库中删除一份导入的文档',
  'cli.summary.search': () => '按主题检索条文（“…”为短语，-词 为排除，jurisdiction:湖南，year:2023）',
  'cli.summary.history': () => '一条条文在各个版本中的沿革',

  'cli.summary.decision': () => '由两个版本生成修改决定（草稿）：逐项列出修改，可导出 Word',
  'cli.summary.refs': () => '检查条文中的相互引用：悬空的引用，以及（--against 原文）编号未随条文调整的引用',
  'cli.needs.decision': () => 'decision 需要两份文档：原文和修改后的文本',
  'cli.needs.refs': () => 'refs 需要一份文档',
  'cli.bad_choice': (p: { name: string; value: string; options: string }) => `--${p.name} 须为 ${p.options} 之一，而不是“${p.value}”`,
  'cli.decision_summary': (p: { n: number; convention: string; renumber: string }) => `共 ${p.n} 项修改（${p.convention}的写法；条文顺序调整${p.renumber}）`,
  'cli.decision_convention.npc': () => '人大常委会修改决定',
  'cli.decision_convention.court': () => '最高人民法院修改决定',
  'cli.decision_renumber.items': () => '逐条列出',
  'cli.decision_renumber.sentence': () => '以“此外，对条文顺序作相应调整”一句概括',
  'cli.decision_note': (p: { note: string }) => `提示：${p.note}`,
  'cli.refs_summary': (p: { n: number; ok: number; dangling: number; moved: number; deleted: number; external: number }) =>
    `内部引用 ${p.n} 处：无误 ${p.ok}，悬空 ${p.dangling}，编号未更新 ${p.moved}，所指条文已删除 ${p.deleted}；另有引用其他法律 ${p.external} 处（不检查）`,
  'cli.refs_none': () => '没有找到本文件内部的条文引用',
  'cli.refs_against': (p: { old: string }) => `对照原文 ${p.old} 检查编号`,
  'cli.refs_suggest': (p: { suggest: string }) => `应为${p.suggest}`,
  'refs.status.ok': () => '无误',
  'refs.status.dangling': () => '悬空',
  'refs.status.moved': () => '编号未更新',
  'refs.status.deleted': () => '所指条文已删除',

  'cli.needs.compare': () => 'compare 需要两份文档',
  'cli.needs.search': () => 'search 需要检索词',
  'cli.needs.parse': () => 'parse 需要一份文档',
  'cli.needs.align': () => 'align 至少需要两份文档',
  'cli.needs.export': () => 'export 需要两份文档',
  'cli.needs.import': () => 'import 需要一个文件',
  'cli.needs.edit': () => 'edit 需要一个文档编号',
  'cli.needs.remove': () => 'remove 需要一个文档编号（见 duizhao list）',
  'cli.needs.annotate_add': () => 'annotate add 需要文档和条号',
  'cli.needs.annotate_body': () => 'annotate add 需要 --body 批注内容',
  'cli.needs.note_id': () => '需要批注编号（见 duizhao annotate list）',
  'cli.needs.note_change': () => 'annotate edit 需要 --body 批注内容 或 --tag 标签',
  'cli.needs.history': () => 'history 需要一份文档和一个条号',

  // ---- the web mode and the launcher ----------------------------------------------------------------
  'http.post_only': (p: { method: string }) => `接口只接受 POST 请求（收到 ${p.method}）。`,
  'http.bad_key': () => '缺少或错误的会话密钥：请从 Duizhao 启动时给出的地址打开。',
  'http.json_only': () => '请求体必须是 application/json（导入的文件可为 application/octet-stream）。',
  'http.too_large': (p: { mb: number }) => `请求体超过 ${p.mb} MB 上限。`,
  'http.bad_json': () => '请求体不是有效的 JSON。',
  'http.foreign_origin': () => '不接受来自其他来源的请求。',
  'web.listening': (p: { url: string }) => `Duizhao 网页模式：${p.url}`,
  'web.bad_port': (p: { value: string }) => `--port 须为 0–65535 的数字，而不是“${p.value}”`,
  'web.local_only': () => '网页模式只在本机地址 127.0.0.1 上提供服务',
  'web.port_in_use': (p: { detail: string }) => `端口已被占用（${p.detail}）`,
  'web.unknown_option': (p: { arg: string }) => `未知选项 ${p.arg}`,
  'web.usage': () => '用法：node build/web.js [--port N]（N 为 0 时自动选一个空闲端口）',
} as const satisfies Record<string, (p: never) => string>;

export type MessageCode = keyof typeof MESSAGES;

type ParamsOf<C extends MessageCode> = Parameters<(typeof MESSAGES)[C]> extends [] ? [] : [Parameters<(typeof MESSAGES)[C]>[0]];

/** The sentence for `code`. */
export function say<C extends MessageCode>(code: C, ...params: ParamsOf<C>): string {
  return (MESSAGES[code] as (p?: P) => string)(params[0] as P | undefined);
}

/** A parser or reader warning at a source line, with its code. `info` marks a repair the parser made. */
export function warning<C extends MessageCode>(line: number, level: 'warning' | 'info', code: C, ...params: ParamsOf<C>): Warning {
  const w: Warning = { line, code, message: say(code, ...params) };
  if (level === 'info') w.level = 'info';
  return w;
}

/** An error to throw: its category (`code`, which decides e.g. the HTTP status), its reason and sentence. */
export function fail<C extends MessageCode>(code: ErrorCode, reason: C, ...params: ParamsOf<C>): DuizhaoError {
  return new DuizhaoError(code, say(reason, ...params), { reason });
}
