// CSS-module style class names: stripes-webpack compiles `.mclRow` to `mclRow---<hash>`;
// interactors select on `[class^=mclRow-]` / `[class*=mclRow---]`, so the stand-in emits the
// same shape with a fixed hash. The first argument becomes the first class.
export const CLASS_HASH = 'sTnd1';

export function css(...locals: Array<string | false | null | undefined>): string {
  return locals.filter(Boolean).map((local) => `${local}---${CLASS_HASH}`).join(' ');
}

let counter = 0;
/** Auto ids for form controls, like stripes-components' uniqueId. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
