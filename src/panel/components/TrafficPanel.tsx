/**
 * The panel: frames → graph model → elements, Find/Hide, states, and the parts (graph, drawer, legend, table).
 * Thin on purpose: the logic lives in ../graph (pure, tested) and the Cytoscape handling in CytoscapeGraph.
 */
import React, { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, LoadingState as GrafanaLoadingState, PanelProps } from '@grafana/data';
import { IconButton, useStyles2, useTheme2 } from '@grafana/ui';
import { buildElements, topologyKey } from '../graph/elements';
import { hiddenBySelection, parseFindHide, select, Selection } from '../graph/findHide';
import { fromFrames, FrameLike } from '../graph/fromFrames';
import { chooseLayout } from '../graph/layouts';
import { paletteFromTheme } from '../graph/palette';
import { chooseRenderer, webgl2Available } from '../graph/renderer';
import { buildStylesheet } from '../graph/style';
import { TrafficPanelOptions, withDefaults } from '../options';
import { CytoscapeGraph, SelectedElement } from './CytoscapeGraph';
import { DetailsDrawer } from './DetailsDrawer';
import { FindHideBar } from './FindHideBar';
import { GraphTable } from './GraphTable';
import { Legend } from './Legend';
import { EmptyState, ErrorState, errorsOf, LoadingState } from './PanelStates';

const EMPTY_SELECTION: Selection = { nodes: new Set(), edges: new Set() };
/** Above this many nodes the screen-reader table is not kept in the DOM (the table view button still shows it). */
const SR_TABLE_LIMIT = 200;
const DEFAULT_TOOLBAR_HEIGHT = 40;

function useElementHeight(ref: React.RefObject<HTMLElement>, fallback: number): number {
  const [h, setH] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) {
      return;
    }
    const measure = () => setH(el.offsetHeight || fallback);
    measure();
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, fallback]);
  return h;
}

export function TrafficPanel(props: PanelProps<TrafficPanelOptions>) {
  const { data, width, height, replaceVariables } = props;
  const options = useMemo(() => withDefaults(props.options), [props.options]);
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const palette = useMemo(() => paletteFromTheme(theme), [theme]);

  const graph = useMemo(() => fromFrames(data.series as unknown as FrameLike[]), [data.series]);
  const edgeLabelsKey = options.edgeLabels.join(',');
  const elements = useMemo(
    () => buildElements(graph, { edgeLabels: options.edgeLabels, showBadges: options.showBadges }),
    // edgeLabels by value: a new array with the same modes must not rebuild the elements
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [graph, edgeLabelsKey, options.showBadges]
  );
  const topology = useMemo(() => topologyKey(graph), [graph]);
  const leafCount = useMemo(() => graph.nodes.filter((n) => n.nodeType !== 'box').length, [graph]);
  const layout = useMemo(
    () => chooseLayout(options.layout, leafCount, options.largeGraphThreshold),
    [options.layout, leafCount, options.largeGraphThreshold]
  );
  // Probed only when WebGL is asked for (the probe creates a context).
  const renderer = useMemo(
    () => chooseRenderer(options.renderer, options.renderer === 'webgl' && webgl2Available()),
    [options.renderer]
  );
  const stylesheet = useMemo(
    () => buildStylesheet(palette, { labelMinZoomedFontSize: options.labelMinZoomedFontSize, large: layout.large }),
    [palette, options.labelMinZoomedFontSize, layout.large]
  );

  const [find, setFind] = useState(options.findExpression);
  const [hide, setHide] = useState(options.hideExpression);
  const [showLegend, setShowLegend] = useState(options.showLegend);
  // Editing the options replaces what was typed or toggled in the panel (adjusting state on prop change).
  const [seenOptions, setSeenOptions] = useState(options);
  if (seenOptions !== options) {
    setSeenOptions(options);
    if (seenOptions.findExpression !== options.findExpression) {
      setFind(options.findExpression);
    }
    if (seenOptions.hideExpression !== options.hideExpression) {
      setHide(options.hideExpression);
    }
    if (seenOptions.showLegend !== options.showLegend) {
      setShowLegend(options.showLegend);
    }
  }
  const findParsed = useMemo(() => parseFindHide(find), [find]);
  const hideParsed = useMemo(() => parseFindHide(hide), [hide]);
  const els = useMemo(
    () => ({ nodes: [...elements.nodeData.values()], edges: [...elements.edgeData.values()] }),
    [elements]
  );
  const found = useMemo(
    () => (findParsed.ok && find ? select(findParsed.query, els) : EMPTY_SELECTION),
    [findParsed, find, els]
  );
  const hidden = useMemo(
    () => (hideParsed.ok && hide ? hiddenBySelection(select(hideParsed.query, els), els) : EMPTY_SELECTION),
    [hideParsed, hide, els]
  );

  const [selectedRaw, setSelected] = useState<SelectedElement | undefined>(undefined);
  // A selection whose element left the graph (refresh) is ignored.
  const selected =
    selectedRaw &&
    (selectedRaw.kind === 'node' ? elements.nodeData.has(selectedRaw.id) : elements.edgeData.has(selectedRaw.id))
      ? selectedRaw
      : undefined;

  const [tableView, setTableView] = useState(false);

  const findInputRef = useRef<HTMLInputElement>(null);
  const onKeyDown = useCallback((e: React.KeyboardEvent) => {
    const t = e.target as HTMLElement;
    if (e.key === '/' && !/^(input|textarea|select)$/i.test(t.tagName) && !t.isContentEditable) {
      e.preventDefault();
      findInputRef.current?.focus();
    }
  }, []);

  const toolbarRef = useRef<HTMLDivElement>(null);
  const toolbarHeight = useElementHeight(toolbarRef, DEFAULT_TOOLBAR_HEIGHT);
  const noticeRef = useRef<HTMLDivElement>(null);
  const noticeHeight = useElementHeight(noticeRef, 0);

  const errors = errorsOf(data);
  const hasGraph = graph.nodes.length > 0;
  if (!hasGraph) {
    if (errors.length > 0) {
      return <ErrorState errors={errors} />;
    }
    if (data.state === GrafanaLoadingState.Loading || data.state === GrafanaLoadingState.NotStarted) {
      return <LoadingState />;
    }
    return <EmptyState hasOtherFrames={(data.series ?? []).length > 0} />;
  }

  const skippedTotal = Object.values(graph.skipped).reduce((a, b) => a + b, 0);
  const notices: Array<{ severity: string; text: string }> = [
    ...errors.map((e) => ({ severity: 'error', text: e.message || e.statusText || 'A query failed' })),
    ...(layout.notice ? [{ severity: 'info', text: layout.notice }] : []),
    ...(renderer.note ? [{ severity: 'info', text: renderer.note }] : []),
    ...graph.notices,
    ...(skippedTotal > 0
      ? [
          {
            severity: 'warning',
            text: `${skippedTotal} row(s) not drawn as given: ${Object.entries(graph.skipped)
              .map(([k, v]) => `${v} ${k}`)
              .join('; ')}.`,
          },
        ]
      : []),
  ];
  const graphHeight = Math.max(50, height - toolbarHeight - noticeHeight);
  const animate = options.animation && leafCount <= options.animationNodeLimit;
  const unhealthy = graph.nodes.filter((n) => n.healthStatus === 'Failure' || n.healthStatus === 'Degraded').length;
  const ariaLabel =
    `Traffic graph: ${leafCount} nodes, ${graph.edges.length} edges` +
    (graph.namespaces.length > 0 ? `, ${graph.namespaces.length} namespace(s)` : '') +
    (unhealthy > 0 ? `, ${unhealthy} unhealthy` : '') +
    '. Use the table view button for a list of nodes and edges.';

  return (
    <div className={styles.root} style={{ width, height }} onKeyDown={onKeyDown}>
      <div ref={toolbarRef} className={styles.toolbar}>
        <FindHideBar
          find={find}
          hide={hide}
          findError={findParsed.ok ? undefined : findParsed.error}
          hideError={hideParsed.ok ? undefined : hideParsed.error}
          onFind={setFind}
          onHide={setHide}
          findInputRef={findInputRef}
          findCount={found.nodes.size + found.edges.size}
          hideCount={hidden.nodes.size + hidden.edges.size}
        />
        <div className={styles.buttons}>
          <IconButton
            name="list-ul"
            aria-label={showLegend ? 'Hide legend' : 'Show legend'}
            tooltip={showLegend ? 'Hide legend' : 'Show legend'}
            aria-pressed={showLegend}
            onClick={() => setShowLegend((v) => !v)}
          />
          <IconButton
            name={tableView ? 'sitemap' : 'table'}
            aria-label={tableView ? 'Show as graph' : 'Show as table'}
            tooltip={tableView ? 'Show as graph' : 'Show as table'}
            aria-pressed={tableView}
            onClick={() => setTableView((v) => !v)}
          />
        </div>
      </div>
      {notices.length > 0 && (
        <div ref={noticeRef} className={styles.notices} role="status" data-testid="meshgraph-notices">
          {notices.map((n, i) => (
            <div
              key={i}
              className={
                n.severity === 'error' ? styles.noticeError : n.severity === 'warning' ? styles.noticeWarn : undefined
              }
            >
              {n.text}
            </div>
          ))}
        </div>
      )}
      <div className={styles.body} style={{ height: graphHeight }}>
        {tableView ? (
          <GraphTable graph={graph} hidden={hidden} found={found} onSelect={setSelected} />
        ) : (
          <>
            <CytoscapeGraph
              elements={elements}
              topology={topology}
              stylesheet={stylesheet}
              layout={layout}
              width={width}
              height={graphHeight}
              found={found}
              hidden={hidden}
              palette={palette}
              animate={animate}
              renderer={renderer.effective}
              selected={selected}
              onSelect={setSelected}
              ariaLabel={ariaLabel}
              labelMinZoomedFontSize={options.labelMinZoomedFontSize}
            />
            {leafCount <= SR_TABLE_LIMIT && <GraphTable graph={graph} hidden={hidden} found={found} srOnly />}
            {showLegend && <Legend palette={palette} />}
          </>
        )}
        {selected && (
          <DetailsDrawer
            graph={graph}
            selected={selected}
            series={data.series}
            replaceVariables={replaceVariables}
            responseTimeStat={options.responseTimeStat}
            onClose={() => setSelected(undefined)}
          />
        )}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', overflow: 'hidden', position: 'relative' }),
  toolbar: css({ display: 'flex', alignItems: 'flex-start', gap: theme.spacing(1), paddingBottom: theme.spacing(0.5) }),
  buttons: css({ display: 'flex', gap: theme.spacing(0.5), paddingTop: theme.spacing(0.5) }),
  notices: css({
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    paddingBottom: theme.spacing(0.5),
    maxHeight: 60,
    overflowY: 'auto',
  }),
  noticeError: css({ color: theme.colors.error.text }),
  noticeWarn: css({ color: theme.colors.warning.text }),
  body: css({ position: 'relative', flex: '1 1 auto', overflow: 'hidden' }),
});
