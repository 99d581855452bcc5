/**
 * A data frame as the backend sends it to Grafana, before Arrow encoding: plain columns plus the frame and field
 * metadata Grafana's Go SDK keeps (FrameMeta, FieldConfig, labels). arrowFrame.ts turns it into bytes.
 */

/** Grafana's field types the backend emits; each maps to one Arrow column type (see arrowFrame.ts). */
export type WireFieldType = 'string' | 'number' | 'boolean' | 'time';

export interface WireField {
  name: string;
  type: WireFieldType;
  /**
   * One value per row. null/undefined = no value: the column is then written nullable. 'time' values are epoch
   * milliseconds (number) or Date.
   */
  values: unknown[];
  /** Grafana FieldConfig, e.g. {links: […], displayNameFromDS, unit}. */
  config?: Record<string, unknown>;
  /** Series labels; alerting reads them as the alert instance's labels. */
  labels?: Record<string, string>;
}

export interface WireFrame {
  name: string;
  refId: string;
  /** Grafana FrameMeta, e.g. {preferredVisualisationType, notices, type, typeVersion}. */
  meta?: Record<string, unknown>;
  fields: WireField[];
}
