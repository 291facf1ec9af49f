// npm run lint:deps: the import graph of src/, type-only imports included.
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module may not import one that imports it back.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      scope: 'folder',
      comment: 'Folders depend one way (docs/ARCHITECTURE.md): no folder imports a folder that imports it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'vscode-free-folders',
      severity: 'error',
      comment: 'These folders run without VS Code (unit-tested in plain mocha).',
      from: { path: '^src/(secrets|profiles|password|aws|changePasswordFile)/' },
      to: { path: '^vscode$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(out|dist|node_modules)/' },
  },
};
