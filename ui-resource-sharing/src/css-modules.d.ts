// The app's styles are CSS modules, as in every Stripes app: stripes-webpack's css-loader builds
// `.roleSwitch` into `roleSwitch---<hash>` and the import's default export maps each local class
// name to the built one. Included by the platform's TypeScript configuration like any `.ts` file.
declare module '*.css' {
  const classes: Record<string, string>;
  export default classes;
}
