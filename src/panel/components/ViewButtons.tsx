/**
 * The panel's view buttons: legend, table view and saving the layout. Memoised, so a refresh (new frames, the same
 * choices) skips them and their tooltips, which Grafana's IconButton lays out again at every render.
 */
import React from 'react';
import { IconButton } from '@grafana/ui';

export interface ViewButtonsProps {
  showLegend: boolean;
  tableView: boolean;
  onToggleLegend: () => void;
  onToggleTable: () => void;
  onSaveLayout: () => void;
}

function ViewButtons({ showLegend, tableView, onToggleLegend, onToggleTable, onSaveLayout }: ViewButtonsProps) {
  return (
    <>
      <IconButton
        name="list-ul"
        aria-label={showLegend ? 'Hide legend' : 'Show legend'}
        tooltip={showLegend ? 'Hide legend' : 'Show legend'}
        aria-pressed={showLegend}
        onClick={onToggleLegend}
      />
      <IconButton
        name={tableView ? 'sitemap' : 'table'}
        aria-label={tableView ? 'Show as graph' : 'Show as table'}
        tooltip={tableView ? 'Show as graph' : 'Show as table'}
        aria-pressed={tableView}
        onClick={onToggleTable}
      />
      <IconButton
        name="save"
        aria-label="Save layout"
        tooltip="Save layout: the node positions go into the panel options (save the dashboard to keep them)"
        disabled={tableView}
        onClick={onSaveLayout}
      />
    </>
  );
}

const MemoViewButtons = React.memo(ViewButtons);
export { MemoViewButtons as ViewButtons };
