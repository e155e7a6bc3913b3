/** 对照 of two versions: the picker, the export panel, and the table drawn from one `display` call. */
import { useState } from 'react';
import { ExportPanel } from '../../components/AnnotationExport';
import { ErrorBox, Loading } from '../../components/Status';
import { useApiCall } from '../../hooks';
import { CompareTable } from './CompareTable';
import { decisionOptions, type DecisionChoices } from './DecisionPanel';
import { Picker } from './Picker';

export function ComparePage({ left, right, row }: { left: string; right: string; row: string | null }) {
  // The rows come ready to draw (engine/display, from the cached comparison): the page decides no mark.
  const result = useApiCall('display', { left, right }, `${left}|${right}`);
  // The decision's options, shared by its panel and the export's appendix (the file says what the panel says).
  const [choices, setChoices] = useState<DecisionChoices>({});
  return (
    <section className="cmp" data-testid="compare-view">
      <Picker left={left} right={right} />
      <ExportPanel left={left} right={right} compact decision={decisionOptions(choices)} />
      {result.state === 'loading' && <Loading what="对照（首次分词需数秒）" />}
      {result.state === 'error' && <ErrorBox message={result.message} />}
      {result.state === 'ready' && <CompareTable display={result.value} row={row} choices={choices} setChoices={setChoices} />}
    </section>
  );
}
