/** Builds tests/gohost when missing or stale; returns the executable's path (see goHost.mjs). */
export declare function buildGoHost(): string;
