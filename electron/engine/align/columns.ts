/**
 * The columns of an alignment: each selected document's short name and jurisdiction, from the caller's
 * name, its library metadata, or its title (names.ts).
 */
import { columnNames, shortJurisdiction, titleJurisdiction, type NameSource } from './names';
import type { AlignInput } from './types';

/** The place a document applies, short: from the caller's metadata, else from the title. */
export function jurisdictionOf(input: Pick<AlignInput, 'doc' | 'meta'>): string {
  return (input.meta?.jurisdiction ? shortJurisdiction(input.meta.jurisdiction) : '') || titleJurisdiction(input.doc.title);
}

/** Column names of the selected documents: the caller's, else made from metadata and title, unique. */
export function documentNames(inputs: Array<Pick<AlignInput, 'doc' | 'version' | 'name' | 'meta'>>): string[] {
  return columnNames(
    inputs.map((i) => {
      const version = i.doc.versions[i.version];
      const source: NameSource & { name?: string } = { title: i.doc.title };
      if (i.name) source.name = i.name;
      if (i.meta?.jurisdiction) source.jurisdiction = i.meta.jurisdiction;
      if (i.meta?.dates) source.dates = i.meta.dates;
      // A version of a multi-version text (修订草案, 二次审议稿) is named by its own label.
      if (i.doc.versions.length > 1 && version?.label) source.versionLabel = version.label;
      return source;
    }),
  );
}

