export { parseFindHide, prepare } from './parse';
export type { FindHideQuery, ParseResult, Clause, Term, Op } from './parse';
export { select, hiddenBySelection } from './evaluate';
export type { Selection, ElementsData } from './evaluate';
export { FIND_PRESETS, HIDE_PRESETS } from './presets';
export type { Preset } from './presets';
export { OPERANDS } from './operands';
export { findInCollapsed, hiddenCollapsed, collapsedMatchText, memberData } from './collapsed';
export type { CollapsedMatch } from './collapsed';
