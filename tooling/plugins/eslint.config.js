export { default } from "@agent-companion/eslint-config";
