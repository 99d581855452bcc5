/** .proto files are bundled as their text (esbuild's text loader; jest's text transform). */
declare module '*.proto' {
  const text: string;
  export default text;
}
