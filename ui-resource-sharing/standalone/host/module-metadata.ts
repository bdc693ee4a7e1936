import pkg from '../../package.json';

// The module's `stripes` block, read from package.json as stripes-core reads it from stripes-config.
const moduleName = pkg.name.replace(/^@folio\//, '');

const metadata = {
  packageName: pkg.name,
  moduleName,
  route: pkg.stripes.route,
  home: pkg.stripes.home ?? pkg.stripes.route,
  displayName: pkg.stripes.displayName,
};

export default metadata;
