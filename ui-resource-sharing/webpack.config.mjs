// Builds the standalone app (standalone/host/main.tsx + src/) into dist/.
// `@folio/stripes/{core,components,smart-components}` resolve to the real platform when it is
// installed, otherwise to the stand-in in standalone/. Env: OKAPI_URL, OKAPI_TENANT, PUBLIC_PATH.
// An ES module by its extension: the package itself is CommonJS (no "type": "module"), so that a
// CommonJS stripes.config.js can sit beside it. CSS files are CSS modules, compiled as
// stripes-webpack compiles them (css-loader, `[local]---[hash:base64:5]`, default export = the
// class map), and injected by style-loader (one script, no separate stylesheet).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function hasRealStripes() {
  try {
    require.resolve('@folio/stripes/core');
    return true;
  } catch {
    return false;
  }
}

const STAND_IN = {
  '@folio/stripes/core$': path.join(here, 'standalone/core/index.ts'),
  '@folio/stripes/components$': path.join(here, 'standalone/components/index.ts'),
  '@folio/stripes/smart-components$': path.join(here, 'standalone/smart-components/index.ts'),
};

export default (_env, argv) => {
  const production = argv.mode !== 'development';
  const realStripes = hasRealStripes();
  if (realStripes) console.log('ui-resource-sharing: @folio/stripes found, building against the real platform');
  return {
    mode: production ? 'production' : 'development',
    context: here,
    entry: { main: './standalone/host/main.tsx' },
    output: {
      path: path.join(here, 'dist'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: process.env.PUBLIC_PATH ?? '/',
      clean: true,
    },
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    resolve: {
      extensions: ['.tsx', '.ts', '.js', '.json'],
      alias: realStripes ? {} : STAND_IN,
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'automatic', development: !production } },
                target: 'es2020',
              },
            },
          },
        },
        {
          test: /\.css$/,
          use: [
            'style-loader',
            {
              loader: 'css-loader',
              options: {
                modules: { localIdentName: '[local]---[hash:base64:5]', namedExport: false, exportLocalsConvention: 'as-is' },
                importLoaders: 0,
              },
            },
          ],
        },
      ],
    },
    plugins: [
      // the app icon as the page's favicon (emitted beside index.html, linked from it)
      new HtmlWebpackPlugin({ template: path.join(here, 'standalone/index.html'), favicon: path.join(here, 'icons/app.png') }),
      new webpack.DefinePlugin({
        __RS_BUILD_CONFIG__: JSON.stringify({
          ...(process.env.OKAPI_URL ? { okapiUrl: process.env.OKAPI_URL } : {}),
          ...(process.env.OKAPI_TENANT ? { tenant: process.env.OKAPI_TENANT } : {}),
        }),
      }),
    ],
    performance: { hints: false },
    stats: 'summary',
  };
};
