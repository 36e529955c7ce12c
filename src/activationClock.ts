// Imported first by extension.ts, so it is evaluated before the rest of the bundle: the moment the
// extension's code started loading, for the activation time the integration run and the log report.
export const loadStarted = performance.now();
