/** A .docx that inflates to more than Duizhao reads is refused before it is inflated (a zip bomb). */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractText } from '../../electron/engine/ingest';

describe('Word files that inflate too far', () => {
  it('are refused as too large, by the size the archive declares', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document>' + ' '.repeat(210 * 1024 * 1024) + '</w:document>');
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 1 } });
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    await expect(extractText(bytes, 'bomb.docx')).rejects.toMatchObject({
      code: 'too_large',
      reason: 'ingest.docx_too_large',
      message: 'bomb.docx：Word 文档的正文解压后有 210 MB，超过上限 200 MB',
    });
  });
});
