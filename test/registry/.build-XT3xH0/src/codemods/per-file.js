export const perFileCodemods = {
    'lambda-callback-to-async': async () => (await import('./lambda-callback-to-async/candidate.js')).perFile,
};
