import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusDir, Library } from '../../electron/services/library';
import { chainFor, chainThrough, versionChains } from '../../electron/app/chains';

describe('legislative histories from the library', () => {
  const docs = new Library({ corpusDir: corpusDir(), home: mkdtempSync(join(tmpdir(), 'duizhao-chains-')) }).list();
  it('walks the Hunan 修订草案 → 二次审议稿 → enacted text', () => {
    expect(versionChains(docs)).toEqual([['hunan-2020-review@0', 'hunan-2020-review@1', 'hunan-2020']]);
  });
  it('finds the chain of two neighbours, with or without @0, and falls back to the pair', () => {
    const chains = versionChains(docs);
    expect(chainFor(chains, 'hunan-2020-review', 'hunan-2020-review@1')).toHaveLength(3);
    expect(chainFor(chains, 'hunan-2020-review@1', 'hunan-2020@0')).toHaveLength(3);
    expect(chainFor(chains, 'zhejiang-2023', 'hunan-2020')).toEqual(['zhejiang-2023', 'hunan-2020']);
  });
  it('finds the chain through any of its versions, and none for a text without history', () => {
    const chains = versionChains(docs);
    expect(chainThrough(chains, 'hunan-2020')).toEqual(['hunan-2020-review@0', 'hunan-2020-review@1', 'hunan-2020']);
    expect(chainThrough(chains, 'hunan-2020-review')).toHaveLength(3);
    expect(chainThrough(chains, 'zhejiang-2023')).toBeNull();
  });
});
