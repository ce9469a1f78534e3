FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The same install command as the README and CI (npm ci refuses a lockfile naming optional per-platform
# binaries a registry lacks).
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# The server binds 127.0.0.1 by default; in a container the published port needs every interface.
ENV ASHIATO_HOST=0.0.0.0
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/policies ./policies
COPY package.json ./
EXPOSE 3000
CMD ["node", "dist/apps/cli/src/main.js", "serve"]
