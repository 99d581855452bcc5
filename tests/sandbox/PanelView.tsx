/**
 * A dashboard with one panel: ThemeContext + Grafana's global styles, the canvas background, PanelChrome (the
 * header, loading bar and error badge Grafana draws around panels), an error boundary, and the plugin's panel
 * component with real PanelProps.
 */
import {
  type EventBus,
  type FieldConfigSource,
  type GrafanaTheme2,
  type PanelData,
  type PanelPlugin,
  ThemeContext,
} from '@grafana/data';
import { ErrorBoundary, GlobalStyles, PanelChrome, PanelContextProvider } from '@grafana/ui';
import React, { useLayoutEffect } from 'react';

export interface PanelViewProps {
  plugin: PanelPlugin;
  theme: GrafanaTheme2;
  data: PanelData;
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
  width: number;
  height: number;
  title: string;
  renderCounter: number;
  eventBus: EventBus;
  replaceVariables: (value: string, scopedVars?: object, format?: string | Function) => string;
  onOptionsChange: (options: Record<string, unknown>) => void;
  onFieldConfigChange: (config: FieldConfigSource) => void;
  onChangeTimeRange: (range: { from: number; to: number }) => void;
  onRenderError: (error: Error) => void;
  onCommitted: (renderCounter: number) => void;
  /** Dashboard chrome above the panel and a pane beside it (the demo's pickers and options pane). */
  header?: React.ReactNode;
  aside?: React.ReactNode;
}

export function PanelView(props: PanelViewProps) {
  const { plugin, theme, data, width, height, renderCounter, onCommitted } = props;
  const Panel = plugin.panel!;
  const errorMessage =
    data.errors
      ?.map((e) => e.message)
      .filter(Boolean)
      .join('; ') || data.error?.message;

  useLayoutEffect(() => {
    onCommitted(renderCounter);
  });

  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div
        data-testid="sandbox-dashboard"
        style={{
          background: theme.colors.background.canvas,
          color: theme.colors.text.primary,
          padding: theme.spacing(2),
          minHeight: '100vh',
          boxSizing: 'border-box',
        }}
      >
        {props.header}
        <div style={{ display: 'flex', gap: theme.spacing(1), alignItems: 'flex-start' }}>
        <PanelContextProvider value={{ eventsScope: 'global', eventBus: props.eventBus }}>
          <div style={{ width, height }} data-testid="sandbox-panel">
            <PanelChrome
              width={width}
              height={height}
              title={props.title}
              loadingState={data.state}
              statusMessage={errorMessage}
              padding={plugin.noPadding ? 'none' : 'md'}
            >
              {(innerWidth: number, innerHeight: number) => (
                <ErrorBoundary onError={props.onRenderError} dependencies={[renderCounter]}>
                  {({ error }) =>
                    error ? (
                      <div data-testid="sandbox-render-error" style={{ color: theme.colors.error.text }}>
                        Panel error: {error.message}
                      </div>
                    ) : (
                      <Panel
                        id={1}
                        data={data}
                        timeRange={data.timeRange}
                        timeZone="utc"
                        options={props.options}
                        fieldConfig={props.fieldConfig}
                        transparent={false}
                        width={innerWidth}
                        height={innerHeight}
                        renderCounter={renderCounter}
                        title={props.title}
                        eventBus={props.eventBus}
                        onOptionsChange={props.onOptionsChange}
                        onFieldConfigChange={props.onFieldConfigChange}
                        replaceVariables={props.replaceVariables as never}
                        onChangeTimeRange={props.onChangeTimeRange as never}
                      />
                    )
                  }
                </ErrorBoundary>
              )}
            </PanelChrome>
          </div>
        </PanelContextProvider>
        {props.aside}
        </div>
      </div>
    </ThemeContext.Provider>
  );
}
