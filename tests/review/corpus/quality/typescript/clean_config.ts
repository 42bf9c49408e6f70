export interface AppConfig {
  port: number;
  databaseUrl: string;
  logLevel: "debug" | "info" | "warn" | "error";
  features: ReadonlySet<string>;
}

const LEVELS = new Set(["debug", "info", "warn", "error"]);

export class ConfigError extends Error {}

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === "") {
    throw new ConfigError(`${name} is required`);
  }
  return value.trim();
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const port = Number.parseInt(env.PORT ?? "8080", 10);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new ConfigError(`PORT must be a valid port, got ${env.PORT}`);
  }
  const logLevel = (env.LOG_LEVEL ?? "info").toLowerCase();
  if (!LEVELS.has(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${[...LEVELS].join(", ")}`);
  }
  const features = new Set(
    (env.FEATURES ?? "")
      .split(",")
      .map((f) => f.trim())
      .filter(Boolean),
  );
  return {
    port,
    databaseUrl: required(env, "DATABASE_URL"),
    logLevel: logLevel as AppConfig["logLevel"],
    features,
  };
}
