// Which pages of the standalone build are the public patron page: `<basename>/patron/<tenant>`.

/** The tenant of a patron page path, or undefined when the path is not one. */
export function patronTenantFromPath(pathname: string, basename = ''): string | undefined {
  const rest = basename && pathname.startsWith(basename) ? pathname.slice(basename.length) : pathname;
  const m = /^\/patron\/([a-z0-9_]+)\/?$/i.exec(rest);
  return m ? m[1] : undefined;
}
