/**
 * The panel: frames → graph model → elements, Find/Hide, states, and the parts (graph, drawer, legend, table,
 * Display and Export menus). Thin on purpose: the logic lives in ../graph (pure, tested) and the Cytoscape
 * handling in CytoscapeGraph.
 *
 * Sizing: the panel is a flex column of the toolbar, the notices and the body; the body's real size is measured at
 * every render and change (ResizeObserver), so the graph never runs past the panel whatever shows above it.
 *
 * Long (about 460 lines) on purpose: this one component is where the panel's state meets (dashboard data, query
 * variant, display overrides, expanded namespaces, Find/Hide, selection, saved layout) and is handed to the parts;
 * each piece of logic it calls is a hook or a pure module of its own.
 */
import React, { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, LoadingState as GrafanaLoadingState, PanelProps } from '@grafana/data';
import { useStyles2, useTheme2 } from '@grafana/ui';
import { BoxChoice, displayDefaults, DisplaySettings, mergeDisplay, queryOverrides } from '../display';
import { buildElements, topologyKey } from '../graph/elements';
import { hiddenBySelection, parseFindHide, select, Selection } from '../graph/findHide';
import { missingExpanded, missingNotice, rollupExpandOverride, seriesRolledUp } from '../drilldown';
import { collapsedSelection, useCollapsedFind } from './useCollapsedFind';
import { useExpandedGroups } from './useExpandedGroups';
import { useFramesGraph } from './useFramesGraph';
import type { FrameLike } from '../graph/fromFrames';
import { thinningNotice, thinRollupEdges } from '../graph/rollupThinning';
import { chooseLayout } from '../graph/layouts';
import { paletteFromTheme } from '../graph/palette';
import { chooseRenderer, webgl2Available } from '../graph/renderer';
import { buildStylesheet } from '../graph/style';
import { TrafficPanelOptions, withDefaults } from '../options';
import { CytoscapeGraph, GraphApi, SelectedElement } from './CytoscapeGraph';
import { DetailsDrawer } from './DetailsDrawer';
import { DisplayMenu } from './DisplayMenu';
import { ExportMenu } from './ExportMenu';
import { FindHideBar } from './FindHideBar';
import { GraphTable } from './GraphTable';
import { Legend } from './Legend';
import { EmptyState, ErrorState, errorsOf, LoadingState } from './PanelStates';
import { useDisplayOverrides } from './useDisplayOverrides';
import { useMeasuredSize } from './useMeasuredSize';
import { useQueryVariant } from './useQueryVariant';
import { ViewButtons } from './ViewButtons';

const EMPTY_SELECTION: Selection = { nodes: new Set(), edges: new Set() };
const NO_IDS: string[] = [];
/**
 * Above this many nodes, or rows in all (nodes and edges: a rolled-up mesh has a hundred nodes and thousands of
 * edges), the screen-reader table is not kept in the DOM (the table view button still shows it).
 */
const SR_TABLE_LIMIT = 200;
const SR_TABLE_ROWS = 1000;
/** Below this width the drawer opens over the lower part of the panel instead of its right side. */
const NARROW = 560;
/** Below this width the toolbar keeps to one row (no preset menus, icon-only buttons). */
const COMPACT = 760;

function union(a: Selection, b: Selection): Selection {
  if (b.nodes.size === 0 && b.edges.size === 0) {
    return a;
  }
  if (a.nodes.size === 0 && a.edges.size === 0) {
    return b;
  }
  return { nodes: new Set([...a.nodes, ...b.nodes]), edges: new Set([...a.edges, ...b.edges]) };
}

export function TrafficPanel(props: PanelProps<TrafficPanelOptions>) {
  const { width, height, replaceVariables } = props;
  const options = useMemo(() => withDefaults(props.options), [props.options]);
  const theme = useTheme2();
  const styles = useStyles2(getStyles);

  // The viewer's display choices (per panel, local storage) over the panel options.
  const defaults = useMemo(() => displayDefaults(options), [options]);
  const [overrides, setChoice, resetChoices] = useDisplayOverrides(props.id, defaults);
  const display: DisplaySettings = useMemo(() => mergeDisplay(defaults, overrides), [defaults, overrides]);

  // Expanded rolled-up nodes (URL and local storage) are asked of the datasource with the display choices.
  const [expanded, toggleExpanded] = useExpandedGroups(props.id);
  const rolledUp = useMemo(() => seriesRolledUp(props.data.series as unknown as FrameLike[]), [props.data.series]);
  const expandFields = rollupExpandOverride(expanded, rolledUp);
  // Query-level choices (service nodes, operation nodes, boxes, idle edges) ask the datasource again.
  const variantFields = queryOverrides(display);
  const variant = useQueryVariant(props.data, expandFields ? { ...variantFields, ...expandFields } : variantFields);
  const data = variant.data ?? props.data;

  const palette = useMemo(
    () => paletteFromTheme(theme, display.colorBlind ? 'colorBlind' : 'theme'),
    [theme, display.colorBlind]
  );
  const graph = useFramesGraph(data.series as unknown as FrameLike[]);
  // What is drawn: the graph with the edges between rolled-up nodes thinned (the drawer and table keep them all).
  const thinned = useMemo(() => thinRollupEdges(graph), [graph]);
  const drawn = thinned.graph;
  const thinNotice = thinningNotice(thinned);
  const edgeLabelsKey = display.edgeLabels.join(',');
  const elements = useMemo(
    () => buildElements(drawn, { edgeLabels: display.edgeLabels, showBadges: display.showBadges }),
    // edgeLabels by value: a new array with the same modes must not rebuild the elements
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [drawn, edgeLabelsKey, display.showBadges]
  );
  const topology = useMemo(() => topologyKey(drawn), [drawn]);
  const leafCount = useMemo(() => graph.nodes.filter((n) => n.nodeType !== 'box').length, [graph]);
  // A rolled-up graph has few nodes but may have many edges between them, which is what makes dagre slow: its
  // edges count as nodes for the choice of layout.
  const rolledEdges = graph.rollup && graph.rollup.by !== 'none' ? drawn.edges.length : 0;
  const layout = useMemo(() => {
    const chosen = chooseLayout(display.layout, Math.max(leafCount, rolledEdges), options.largeGraphThreshold);
    return chosen.notice && leafCount <= options.largeGraphThreshold
      ? {
          ...chosen,
          notice: `Rolled-up graph with ${rolledEdges} edges: drawn with the fast layered layout instead of ${chosen.requested}.`,
        }
      : chosen;
  }, [display.layout, leafCount, rolledEdges, options.largeGraphThreshold]);
  // Probed only when WebGL is asked for (the probe creates a context).
  const renderer = useMemo(
    () => chooseRenderer(options.renderer, options.renderer === 'webgl' && webgl2Available()),
    [options.renderer]
  );
  const stylesheet = useMemo(
    () =>
      buildStylesheet(palette, {
        labelMinZoomedFontSize: options.labelMinZoomedFontSize,
        large: layout.large,
        widthByTraffic: display.widthByTraffic,
      }),
    [palette, options.labelMinZoomedFontSize, layout.large, display.widthByTraffic]
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
  // Members of collapsed rolled-up nodes are found (and hidden) through the node's member list.
  const collapsed = useCollapsedFind(graph, findParsed, find, hideParsed, hide);
  const found = useMemo(
    () =>
      union(
        findParsed.ok && find ? select(findParsed.query, els) : EMPTY_SELECTION,
        collapsedSelection(collapsed.found)
      ),
    [findParsed, find, els, collapsed.found]
  );
  // Kiali hides idle nodes and idle edges unless asked (Display menu); the Hide expression adds to that.
  const idleHidden = useMemo((): Selection => {
    const nodes = new Set<string>();
    const edges = new Set<string>();
    if (!display.showIdleNodes) {
      for (const n of els.nodes) {
        if (n.isIdle) {
          nodes.add(n.id);
        }
      }
    }
    for (const e of els.edges) {
      if ((!display.showIdleEdges && !e.hasTraffic) || nodes.has(e.source) || nodes.has(e.target)) {
        edges.add(e.id);
      }
    }
    return { nodes, edges };
  }, [els, display.showIdleNodes, display.showIdleEdges]);
  const hidden = useMemo(
    () =>
      union(
        idleHidden,
        hideParsed.ok && hide
          ? hiddenBySelection(union(select(hideParsed.query, els), collapsedSelection(collapsed.hidden)), els)
          : EMPTY_SELECTION
      ),
    [idleHidden, hideParsed, hide, els, collapsed.hidden]
  );
  const hiddenByHideCount = hidden.nodes.size + hidden.edges.size - idleHidden.nodes.size - idleHidden.edges.size;

  const [selectedRaw, setSelected] = useState<SelectedElement | undefined>(undefined);
  // A selection whose element left the graph (refresh) or is hidden is ignored.
  const selected =
    selectedRaw &&
    (selectedRaw.kind === 'node'
      ? elements.nodeData.has(selectedRaw.id) && !hidden.nodes.has(selectedRaw.id)
      : elements.edgeData.has(selectedRaw.id) && !hidden.edges.has(selectedRaw.id))
      ? selectedRaw
      : undefined;

  // What the query says about the query-level Display choices (absent: not a Meshgraph query).
  const target = (props.data.request?.targets ?? []).find((t) => 'graphType' in t || 'namespaces' in t) as
    Record<string, unknown> | undefined;
  const hasTarget = target !== undefined;
  const serviceNodes = target?.injectServiceNodes !== false;
  const operationNodes = typeof target?.aggregate === 'string' && target.aggregate !== '';
  const boxes = (
    Array.isArray(target?.boxBy) ? ((target.boxBy[0] as BoxChoice | undefined) ?? 'none') : 'namespace'
  ) as BoxChoice;
  // By value: every answer brings a new request object, and the Display menu is memoised on its props.
  const queryChoices = useMemo(
    () => (hasTarget ? { serviceNodes, operationNodes, boxes } : undefined),
    [hasTarget, serviceNodes, operationNodes, boxes]
  );

  const [tableView, setTableView] = useState(false);
  const toggleLegend = useCallback(() => setShowLegend((v) => !v), []);
  const toggleTableView = useCallback(() => setTableView((v) => !v), []);
  const graphApi = useRef<GraphApi | undefined>(undefined);
  // The export reads the graph when it runs, so a refresh does not render the export menu again.
  const graphOnScreen = useRef(graph);
  useLayoutEffect(() => {
    graphOnScreen.current = graph;
  }, [graph]);
  const rootRef = useRef<HTMLDivElement>(null);

  const findInputRef = useRef<HTMLInputElement>(null);
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent) => {
      const t = e.target as HTMLElement;
      const typing = /^(input|textarea|select)$/i.test(t.tagName) || t.isContentEditable;
      if (e.key === '/' && !typing) {
        e.preventDefault();
        findInputRef.current?.focus();
      } else if (e.key === 'Escape' && !typing && selected) {
        e.preventDefault();
        setSelected(undefined);
      }
    },
    [selected]
  );

  const [bodyRef, body] = useMeasuredSize();

  const onSelectFromTable = useCallback((sel: SelectedElement) => {
    setSelected(sel);
    setTableView(false);
  }, []);

  const saved = options.savedLayout?.positions;
  const { onOptionsChange } = props;
  const saveLayout = useCallback(() => {
    const positions = graphApi.current?.positions();
    if (!positions || Object.keys(positions).length === 0) {
      return;
    }
    onOptionsChange({
      ...props.options,
      savedLayout: { positions, layout: layout.effective, savedAt: new Date().toISOString() },
    });
  }, [onOptionsChange, props.options, layout.effective]);
  const resetLayout = useCallback(() => {
    const next = { ...props.options };
    delete next.savedLayout;
    onOptionsChange(next);
  }, [onOptionsChange, props.options]);

  // Expand or collapse a rolled-up node (double-click, X, the drawer's button); other nodes do nothing.
  const onNodeActivate = useCallback(
    (id: string) => {
      if (graph.nodes.some((n) => n.id === id && n.rollup)) {
        toggleExpanded(id);
      }
    },
    [graph, toggleExpanded]
  );
  const askedExpanded = expandFields ? expandFields.rollupExpand : NO_IDS;
  const missing = useMemo(
    () => (variant.loading ? undefined : missingNotice(missingExpanded(askedExpanded, graph.rollup?.expanded))),
    [variant.loading, askedExpanded, graph]
  );

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
    ...(variant.error ? [{ severity: 'error', text: `Display choice not applied: ${variant.error}` }] : []),
    ...(layout.notice ? [{ severity: 'info', text: layout.notice }] : []),
    ...(missing ? [{ severity: 'info', text: missing }] : []),
    ...(thinNotice ? [{ severity: 'info', text: thinNotice }] : []),
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
  // Shown over the graph, not in the notices above it: a line more there would resize the graph (a full redraw)
  // when the request starts and again when its answer comes.
  const loadingText = variant.loading
    ? expandFields
      ? 'Asking the datasource for the expanded view…'
      : 'Asking the datasource for the chosen display…'
    : undefined;
  const graphWidth = body.width > 0 ? body.width : width;
  const graphHeight = Math.max(50, body.height > 0 ? body.height : height - 40);
  const animate = display.animation && leafCount <= options.animationNodeLimit;
  const unhealthy = graph.nodes.filter((n) => n.healthStatus === 'Failure' || n.healthStatus === 'Degraded').length;
  const ariaLabel =
    `Traffic graph: ${leafCount} nodes, ${graph.edges.length} edges` +
    (graph.namespaces.length > 0 ? `, ${graph.namespaces.length} namespace(s)` : '') +
    (unhealthy > 0 ? `, ${unhealthy} unhealthy` : '') +
    '. Use the table view button for a list of nodes and edges.';
  const narrow = width < NARROW;
  const compact = width < COMPACT;

  return (
    <div
      ref={rootRef}
      className={styles.root}
      style={{ width, height }}
      onKeyDown={onKeyDown}
      data-testid="meshgraph-panel"
    >
      <div className={styles.toolbar}>
        <FindHideBar
          find={find}
          hide={hide}
          findError={findParsed.ok ? undefined : findParsed.error}
          hideError={hideParsed.ok ? undefined : hideParsed.error}
          onFind={setFind}
          onHide={setHide}
          findInputRef={findInputRef}
          findCount={found.nodes.size + found.edges.size}
          collapsedMatches={collapsed.found}
          onExpand={toggleExpanded}
          hideCount={hiddenByHideCount}
          compact={compact}
        />
        <div className={styles.buttons}>
          <DisplayMenu
            display={display}
            overridden={Object.keys(overrides).length > 0}
            query={queryChoices}
            onChange={setChoice}
            onReset={resetChoices}
            compact={compact}
          />
          <ViewButtons
            showLegend={showLegend}
            tableView={tableView}
            onToggleLegend={toggleLegend}
            onToggleTable={toggleTableView}
            onSaveLayout={saveLayout}
          />
          <ExportMenu
            graph={graphOnScreen}
            graphApi={graphApi}
            palette={palette}
            title={props.title}
            disabled={tableView}
          />
        </div>
      </div>
      {notices.length > 0 && (
        <div className={styles.notices} role="status" data-testid="meshgraph-notices">
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
      <div ref={bodyRef} className={styles.body} data-testid="meshgraph-body">
        {loadingText && (
          <div className={styles.loading} role="status" data-testid="meshgraph-loading">
            {loadingText}
          </div>
        )}
        {!body.measured ? null : tableView ? (
          <GraphTable graph={graph} hidden={hidden} found={found} palette={palette} onSelect={onSelectFromTable} />
        ) : (
          <>
            <CytoscapeGraph
              elements={elements}
              topology={topology}
              stylesheet={stylesheet}
              layout={layout}
              width={graphWidth}
              height={graphHeight}
              found={found}
              hidden={hidden}
              palette={palette}
              animate={animate}
              renderer={renderer.effective}
              selected={selected}
              onSelect={setSelected}
              onNodeActivate={onNodeActivate}
              ariaLabel={ariaLabel}
              labelMinZoomedFontSize={options.labelMinZoomedFontSize}
              savedPositions={saved}
              onResetLayout={resetLayout}
              apiRef={graphApi}
            />
            {leafCount <= SR_TABLE_LIMIT && leafCount + graph.edges.length <= SR_TABLE_ROWS && (
              <GraphTable graph={graph} hidden={hidden} found={found} palette={palette} srOnly />
            )}
            {showLegend && (
              <Legend palette={palette} rolledUp={graph.rollup !== undefined && graph.rollup.by !== 'none'} />
            )}
          </>
        )}
        {selected && (
          <DetailsDrawer
            graph={graph}
            selected={selected}
            series={data.series}
            replaceVariables={replaceVariables}
            responseTimeStat={options.responseTimeStat}
            request={data.request}
            placement={narrow ? 'bottom' : 'right'}
            palette={palette}
            onToggleExpand={toggleExpanded}
            onClose={() => setSelected(undefined)}
          />
        )}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  root: css({ display: 'flex', flexDirection: 'column', overflow: 'hidden', position: 'relative' }),
  toolbar: css({
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    paddingBottom: theme.spacing(0.5),
    flex: '0 0 auto',
  }),
  buttons: css({ display: 'flex', gap: theme.spacing(0.25), paddingTop: theme.spacing(0.5), flex: '0 0 auto' }),
  notices: css({
    flex: '0 0 auto',
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    paddingBottom: theme.spacing(0.5),
    maxHeight: 60,
    overflowY: 'auto',
  }),
  noticeError: css({ color: theme.colors.error.text }),
  noticeWarn: css({ color: theme.colors.warning.text }),
  body: css({ position: 'relative', flex: '1 1 auto', minHeight: 0, overflow: 'hidden' }),
  loading: css({
    position: 'absolute',
    top: 0,
    left: 0,
    zIndex: 2,
    padding: theme.spacing(0.25, 1),
    fontSize: theme.typography.bodySmall.fontSize,
    color: theme.colors.text.secondary,
    background: theme.colors.background.primary,
    borderRadius: theme.shape.radius.default,
    pointerEvents: 'none',
  }),
});
