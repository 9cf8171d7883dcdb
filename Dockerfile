# rampart as a scheduled Fargate task.
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY auditors ./auditors
COPY scripts ./scripts
COPY test ./test
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/auditors ./dist/auditors
COPY docker/entrypoint.sh ./docker/entrypoint.sh
USER node
# Sizes Node's heap from the task's memory limit, then runs dist/src/cli/bin.js.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["scan", "--no-progress", "--log-format", "json"]
