// Where the project lives, set at build time from package.json (`homepage`, else `repository`), else
// the npm package page.

/** The project's public page: source, issues, documentation. */
export const PROJECT_URL: string = __MLCO2_PROJECT_URL__;
