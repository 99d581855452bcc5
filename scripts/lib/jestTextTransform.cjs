// Jest transform for files that the bundles load as text (esbuild's text loader): the .proto files.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};
