# Multi-stage build on Debian slim: better-sqlite3 and the KurrentDB client's native bridge need glibc.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN node tools/bootstrap.mjs build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PLS_DATA_DIR=/data PORT=3000 PLS_LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
VOLUME /data
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:3000/graphql',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({query:'{health{status}}'})}).then(r=>r.json()).then(b=>process.exit(b.data.health.status==='ok'?0:1)).catch(()=>process.exit(1))"
# One image for every process; docker-compose.yml and deploy/k8s choose the entry point.
CMD ["node", "dist/apps/platform/src/main.js"]
