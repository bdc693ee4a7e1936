# mod-resource-sharing as FOLIO modules ship it: the built JavaScript (dist/) and its production
# dependencies on a small Node 20 image, run as a non-root user, the ModuleDescriptor inside.
#   docker build -t mod-resource-sharing:0.2.0 .
#   docker run -p 8081:8081 -e DB_HOST=... -e DB_PASSWORD=... mod-resource-sharing:0.2.0
# The image mirrors the repository layout under /usr/src/app, so the DeploymentDescriptor's exec
# line (node mod-resource-sharing/dist/main.js --port %p) holds there too.

FROM node:20-alpine AS build
WORKDIR /build
# Dependencies first (cached while only sources change): the module's and the build tools at the root.
COPY package.json package-lock.json tsconfig.json ./
COPY mod-resource-sharing/package.json mod-resource-sharing/
RUN npm ci --workspace mod-resource-sharing --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY descriptors/ descriptors/
COPY scripts/build-descriptor.ts scripts/
COPY mod-resource-sharing/tsconfig.build.json mod-resource-sharing/
COPY mod-resource-sharing/src/ mod-resource-sharing/src/
RUN npm run build
# Production dependencies only, in a folder of their own for the final stage.
WORKDIR /prod
RUN cp /build/package.json /build/package-lock.json ./ \
 && mkdir mod-resource-sharing \
 && cp /build/mod-resource-sharing/package.json mod-resource-sharing/ \
 && npm ci --omit=dev --workspace mod-resource-sharing --ignore-scripts --no-audit --no-fund

FROM node:20-alpine
LABEL org.opencontainers.image.title="mod-resource-sharing" \
      org.opencontainers.image.description="FOLIO backend module for resource sharing (interlibrary loan) over ISO 18626" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    PORT=8081 \
    HOST=0.0.0.0 \
    LOG_LEVEL=info \
    DB_HOST=postgres \
    DB_PORT=5432 \
    DB_USERNAME=folio_admin \
    DB_DATABASE=okapi_modules \
    DB_MAXPOOLSIZE=10 \
    DB_PREPARED_STATEMENTS=true
WORKDIR /usr/src/app
COPY --from=build /prod/package.json ./
COPY --from=build /prod/node_modules/ node_modules/
COPY --from=build /build/mod-resource-sharing/package.json mod-resource-sharing/
COPY --from=build /build/mod-resource-sharing/dist/ mod-resource-sharing/dist/
COPY --from=build /build/ModuleDescriptor.json /build/DeploymentDescriptor.json ./
# PGlite's data folder, used only when DB_HOST is empty (a trial without PostgreSQL).
RUN mkdir .data && chown node:node .data
USER node
EXPOSE 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8081) + '/admin/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "mod-resource-sharing/dist/main.js"]
