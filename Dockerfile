# rampart as a scheduled Fargate task (`rampart run`) and as the remediation worker (`rampart worker`).
# Build: compiles only the runtime (src, auditors) with the lockfile's exact dependencies.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY src ./src
COPY auditors ./auditors
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev --no-audit --no-fund

# Runtime: production dependencies only, the compiled code, the insight definitions; not root.
FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/auditors ./dist/auditors
COPY insights ./insights
COPY docker/entrypoint.sh ./docker/entrypoint.sh
USER node
# Sizes Node's heap from the task's memory limit, then runs dist/src/cli/bin.js.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
# The scheduled job: scan, report, then the fixes that are due. The worker task overrides it with `worker`.
CMD ["run", "--no-progress", "--log-format", "json"]
