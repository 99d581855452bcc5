// cytoscape-fcose ships no type definitions; it is a Cytoscape extension registered with cytoscape.use().
declare module 'cytoscape-fcose';
