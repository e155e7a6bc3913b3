/** 对照 of two versions: the picker, the export panel, and the table drawn from one `display` call. */
import { ExportPanel } from '../../components/AnnotationExport';
import { ErrorBox, Loading } from '../../components/Status';
import { useApiCall } from '../../hooks';
import { CompareTable } from './CompareTable';
import { Picker } from './Picker';

export function ComparePage({ left, right, row }: { left: string; right: string; row: string | null }) {
  // The rows come ready to draw (engine/display, from the cached comparison): the page decides no mark.
  const result = useApiCall('display', { left, right }, `${left}|${right}`);
  return (
    <section className="cmp" data-testid="compare-view">
      <Picker left={left} right={right} />
      <ExportPanel left={left} right={right} compact />
      {result.state === 'loading' && <Loading what="对照（首次分词需数秒）" />}
      {result.state === 'error' && <ErrorBox message={result.message} />}
      {result.state === 'ready' && <CompareTable display={result.value} row={row} />}
    </section>
  );
}
